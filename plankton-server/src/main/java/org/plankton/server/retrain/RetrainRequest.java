package org.plankton.server.retrain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code POST /api/retrain} asks for.
 *
 * @param samples  the samples whose validated and corrected images become training data
 * @param epochs   fine-tuning epochs, or null to choose them from the number of images
 *                 ({@link #epochsFor}): a fixed small number is right when the original training
 *                 data is mixed in, and learns nothing from a few hundred reviews alone
 * @param baseData a server-side folder of the original labelled images (class subfolders) mixed in so
 *                 the model does not forget what the corrections do not show; null for none
 */
public record RetrainRequest(List<Long> samples, Integer epochs, Path baseData) {

    public static final int MAX_EPOCHS = 100;
    /**
     * Automatic epochs give the run at least this many optimiser steps. Measured on 291 WHOI IFCB
     * reviews of 17 new classes (docs/results.md): 4 epochs (about 20 steps) left held-out accuracy at
     * 0, 30 epochs (about 150 steps) reached 0.32.
     */
    public static final int MIN_AUTO_STEPS = 200;
    public static final int MIN_AUTO_EPOCHS = 3;
    public static final int MAX_AUTO_EPOCHS = 50;

    public RetrainRequest {
        if (samples == null || samples.isEmpty()) {
            throw new IllegalArgumentException("'samples' must list at least one sample id");
        }
        samples = List.copyOf(samples);
        if (epochs != null && (epochs < 1 || epochs > MAX_EPOCHS)) {
            throw new IllegalArgumentException("'epochs' must be in [1, " + MAX_EPOCHS + "], got " + epochs);
        }
        if (baseData != null && !Files.isDirectory(baseData)) {
            throw new IllegalArgumentException("'base_data' is not a folder on the server: " + baseData);
        }
    }

    /**
     * The epochs to train: those asked for, or with none asked, enough for {@link #MIN_AUTO_STEPS}
     * steps of {@code batch} images over {@code trainImages} images per epoch, within
     * [{@link #MIN_AUTO_EPOCHS}, {@link #MAX_AUTO_EPOCHS}] (a large folder of base data gets the minimum).
     */
    public int epochsFor(int trainImages, int batch) {
        if (epochs != null) {
            return epochs;
        }
        int stepsPerEpoch = Math.max(1, (trainImages + batch - 1) / Math.max(1, batch));
        int wanted = (MIN_AUTO_STEPS + stepsPerEpoch - 1) / stepsPerEpoch;
        return Math.max(MIN_AUTO_EPOCHS, Math.min(MAX_AUTO_EPOCHS, wanted));
    }
}
