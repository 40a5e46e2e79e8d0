package org.plankton.server.retrain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code POST /api/retrain} asks for.
 *
 * @param samples  the samples whose validated and corrected images become training data
 * @param epochs   fine-tuning epochs; few, because the run starts from the current model
 * @param baseData a server-side folder of the original labelled images (class subfolders) mixed in so
 *                 the model does not forget what the corrections do not show; null for none
 */
public record RetrainRequest(List<Long> samples, int epochs, Path baseData) {

    public static final int DEFAULT_EPOCHS = 3;
    public static final int MAX_EPOCHS = 100;

    public RetrainRequest {
        if (samples == null || samples.isEmpty()) {
            throw new IllegalArgumentException("'samples' must list at least one sample id");
        }
        samples = List.copyOf(samples);
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw new IllegalArgumentException("'epochs' must be in [1, " + MAX_EPOCHS + "], got " + epochs);
        }
        if (baseData != null && !Files.isDirectory(baseData)) {
            throw new IllegalArgumentException("'base_data' is not a folder on the server: " + baseData);
        }
    }
}
