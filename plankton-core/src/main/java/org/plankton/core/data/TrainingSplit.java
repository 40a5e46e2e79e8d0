package org.plankton.core.data;

import java.io.IOException;
import java.nio.file.Path;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.bundle.TrainingProvenance;

/**
 * Recreates a model's own train/validation split from its provenance, so a model can be scored on
 * exactly the images it was validated on (and never on images it was trained on). In core because
 * every command that calibrates, fits or scores a model on its held-out images needs the same rule.
 */
public final class TrainingSplit {

    private TrainingSplit() {
    }

    /**
     * @param which {@code validation} or {@code train}
     * @throws IllegalArgumentException when {@code which} is neither, the model does not record its
     *                                  split, or {@code data} is not the data it was trained on
     */
    public static LabelledDataset part(ModelBundle bundle, Path data, String which) throws IOException {
        if (!which.equals("validation") && !which.equals("train")) {
            throw new IllegalArgumentException("--split must be all, validation or train, got '" + which + "'");
        }
        TrainingProvenance.DataSplit recorded = bundle.trainingProvenance().split();
        if (!recorded.recorded()) {
            throw new IllegalArgumentException("model " + bundle.directory() + " does not record its training split");
        }
        LabelledDataset all = Datasets.read(data).keepClassesWithAtLeast(recorded.minImagesPerClassOrOne());
        String actual = DataFingerprint.of(all.samples(), all.classes());
        String fingerprint = recorded.dataFingerprint();
        if (!actual.equals(fingerprint) || !all.classes().equals(bundle.classes())) {
            throw new IllegalArgumentException("--split " + which + " needs the model's training data; " + data
                    + " differs from it (fingerprint " + actual + ", model was trained on " + fingerprint + ")");
        }
        StratifiedSplit.Split split = StratifiedSplit.split(all.samples(), recorded.validationFraction(),
                recorded.splitSeed());
        return new LabelledDataset(all.classes(), which.equals("validation") ? split.validation() : split.train(),
                all.skipped());
    }
}
