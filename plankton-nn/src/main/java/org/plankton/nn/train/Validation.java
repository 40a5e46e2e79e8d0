package org.plankton.nn.train;

import org.plankton.core.data.ClassList;
import org.plankton.core.metrics.Evaluation;
import org.plankton.core.preprocess.Affine;
import org.plankton.core.preprocess.Preprocessor;
import org.plankton.nn.arch.InputLayout;
import org.plankton.nn.engine.InferenceNetwork;
import org.plankton.nn.engine.Precision;
import org.plankton.nn.engine.TrainingDiverged;

/**
 * Scores the network on the validation images after an epoch (no augmentation). Always in fp32,
 * whatever the training precision: the figure is what {@code evaluate} reproduces by default, and
 * what decides which epoch is kept.
 */
final class Validation {

    private static final int BATCH = 128;

    private Validation() {
    }

    /** Non-finite probabilities (weights that went NaN in the epoch's last steps) stop the run as a divergence. */
    static Evaluation score(InferenceNetwork network, Preprocessor preprocessor, DecodedImages val, ClassList classes,
                            long steps) {
        Precision training = network.precision();
        network.setPrecision(Precision.FP32);
        try {
            return Evaluation.of(probabilities(network, preprocessor, val, steps), val.labels(), classes);
        } finally {
            network.setPrecision(training);
        }
    }

    private static float[][] probabilities(InferenceNetwork network, Preprocessor preprocessor, DecodedImages val,
                                           long steps) {
        InputLayout layout = network.layout();
        float[][] probs = new float[val.size()][];
        float[] buffer = new float[BATCH * layout.length()];
        for (int start = 0; start < val.size(); start += BATCH) {
            int n = Math.min(BATCH, val.size() - start);
            for (int i = 0; i < n; i++) {
                layout.write(preprocessor, val.images().get(start + i), Affine.identity(), buffer, i);
            }
            float[][] p = network.probabilities(buffer, n);
            for (int i = 0; i < n; i++) {
                for (float v : p[i]) {
                    if (!Float.isFinite(v)) {
                        throw new TrainingDiverged(steps, "training diverged by step " + steps + ": the network gives "
                                + "non-finite validation probabilities (validation image " + (start + i) + " gets " + v
                                + "). Lower the learning rate (--lr) or clip harder (--clip-grad-norm)");
                    }
                }
            }
            System.arraycopy(p, 0, probs, start, n);
        }
        return probs;
    }
}
