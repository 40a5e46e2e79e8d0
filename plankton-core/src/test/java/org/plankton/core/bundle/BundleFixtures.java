package org.plankton.core.bundle;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plankton.core.data.ClassList;
import org.plankton.core.preprocess.PreprocessConfig;

/** A small, realistic draft and dummy weights shared by the bundle tests. */
final class BundleFixtures {

    private BundleFixtures() {
    }

    static byte[] weights(int seed) {
        byte[] b = new byte[10_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    static WeightsWriter dummyWeights(int seed) {
        return file -> Files.write(file, weights(seed));
    }

    static BundleDraft draft(String modelName) {
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("name", modelName);
        arch.put("filters", List.of(32, 64, 128));
        arch.put("dropout", 0.5);
        arch.put("cyclic", Map.of("rotations", 4));
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("seed", 42);
        provenance.put("data_fingerprint", "abc");
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("val_log_loss", 0.75);
        metrics.put("val_accuracy", 0.8);
        return new BundleDraft(ClassList.of(List.of("copepod", "amphipod", "shrimp, like")),
                new PreprocessConfig(48, 85.0 / 95.0, true, 0.125f, 0.3f), arch, provenance, metrics, "model.params");
    }
}
