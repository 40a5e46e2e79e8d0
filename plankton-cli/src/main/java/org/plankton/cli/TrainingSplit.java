package org.plankton.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.data.DataFingerprint;
import org.plankton.core.data.Datasets;
import org.plankton.core.data.LabelledDataset;
import org.plankton.core.data.StratifiedSplit;

/**
 * Recreates a model's own train/validation split from its provenance, so a model can be scored on
 * exactly the images it was validated on (and never on images it was trained on).
 */
final class TrainingSplit {

    private TrainingSplit() {
    }

    static LabelledDataset part(ModelBundle bundle, Path data, String which) throws IOException {
        if (!which.equals("validation") && !which.equals("train")) {
            throw new IllegalArgumentException("--split must be all, validation or train, got '" + which + "'");
        }
        var prov = bundle.provenance();
        Object seed = prov.get("split_seed");
        Object fraction = prov.get("validation_fraction");
        Object fingerprint = prov.get("data_fingerprint");
        if (seed == null || fraction == null || fingerprint == null) {
            throw new IllegalArgumentException("model " + bundle.directory() + " does not record its training split");
        }
        Object min = prov.get("min_images_per_class");
        LabelledDataset all = Datasets.read(data).keepClassesWithAtLeast(min == null ? 1 : ((Number) min).intValue());
        String actual = DataFingerprint.of(all.samples(), all.classes());
        if (!actual.equals(fingerprint) || !all.classes().equals(bundle.classes())) {
            throw new IllegalArgumentException("--split " + which + " needs the model's training data; " + data
                    + " differs from it (fingerprint " + actual + ", model was trained on " + fingerprint + ")");
        }
        StratifiedSplit.Split split = StratifiedSplit.split(all.samples(), ((Number) fraction).doubleValue(),
                ((Number) seed).longValue());
        return new LabelledDataset(all.classes(), which.equals("validation") ? split.validation() : split.train(),
                all.skipped());
    }
}
