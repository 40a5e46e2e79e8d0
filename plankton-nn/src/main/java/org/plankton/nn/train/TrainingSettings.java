package org.plankton.nn.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.engine.PrecisionChoice;

/**
 * What a run trains with, as one map (saved in provenance and in the checkpoint), and the check that
 * a {@code --resume} continues with the same: same data, same settings but for epochs and budget.
 *
 * @param architecture   the network trained: the request's, or the warm start's
 * @param basePreprocess preprocessing before normalisation is fitted
 */
record TrainingSettings(TrainingRun.Request request, ArchitectureConfig architecture, PreprocessConfig basePreprocess,
                        PrecisionChoice precision) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Settings a resumed run may change. */
    private static final List<String> FREE = List.of("epochs", "timeBudgetSeconds", "cpuBudgetSeconds", "loaderThreads");

    TrainConfig config() {
        return request.config();
    }

    Map<String, Object> configMap() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.convertValue(config(), Map.class);
        m.put("architecture", architecture.toMap());
        m.put("image_size", basePreprocess.imageSize());
        m.put("invert", basePreprocess.invert());
        m.put("precision", precision.precision().id());
        if (request.init() != null) {
            m.put("init", request.init().toAbsolutePath().normalize().toString());
            m.put("freeze_epochs", request.freezeEpochs());
        }
        if (request.distillation() != null) {
            m.put("pseudo_labels", request.distillation().describe(0, 0));
        }
        return m;
    }

    /** IllegalArgumentException naming what changed when the checkpoint's run is not this one. */
    void checkResumable(Checkpoint.State state, String fingerprint, Path checkpointDir) {
        if (!state.dataFingerprint().equals(fingerprint)) {
            throw new IllegalArgumentException("cannot resume: the training data changed since the checkpoint in "
                    + checkpointDir + " (fingerprint " + state.dataFingerprint() + " -> " + fingerprint + ")");
        }
        Map<String, Object> saved = new LinkedHashMap<>(state.config());
        Map<String, Object> now = configMap();
        if (saved.get("architecture") instanceof Map<?, ?> arch) {
            // Through the config type, so fields added since the checkpoint compare as their defaults.
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) arch;
            saved.put("architecture", ArchitectureConfig.fromMap(typed).toMap());
        }
        FREE.forEach(k -> {
            saved.remove(k);
            now.remove(k);
        });
        Map<String, Object> was = asJson(saved);
        Map<String, Object> is = asJson(now);
        if (!was.equals(is)) {
            Object wasPrecision = was.get("precision");
            if (wasPrecision != null && !wasPrecision.equals(is.get("precision"))) {
                throw new IllegalArgumentException("cannot resume: the checkpoint was trained in precision " + wasPrecision
                        + ", this run would train in " + is.get("precision") + " (" + precision.reason()
                        + "); pass --precision " + wasPrecision + " to continue it");
            }
            throw new IllegalArgumentException("cannot resume: training settings differ from the checkpoint's: was "
                    + was + ", now " + is);
        }
    }

    /** Through JSON text, so numbers compare as the checkpoint stores them (0.05f -> 0.05). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> asJson(Map<String, Object> m) {
        try {
            return JSON.readValue(JSON.writeValueAsString(m), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise training settings: " + e.getMessage(), e);
        }
    }
}
