package org.plankton.core.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plankton.core.metrics.LogLoss;

class EnsembleWeightsTest {

    /** A model that gives the true class {@code hit} when right ({@code accuracy} of the time). */
    static float[][] model(int[] labels, double accuracy, float hit, Random rnd) {
        float[][] p = new float[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            int top = rnd.nextDouble() < accuracy ? labels[i] : (labels[i] + 1) % 3;
            p[i] = new float[3];
            java.util.Arrays.fill(p[i], (1 - hit) / 2);
            p[i][top] = hit;
        }
        return p;
    }

    @Test
    void favoursTheBetterModelAndBeatsEachAlone() {
        Random rnd = new Random(3);
        int[] labels = new int[3000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rnd.nextInt(3);
        }
        float[][] good = model(labels, 0.85, 0.8f, rnd);
        float[][] weak = model(labels, 0.6, 0.6f, rnd);
        double[] w = EnsembleWeights.fit(List.of(good, weak), labels);
        assertThat(w[0] + w[1]).isCloseTo(1.0, offset(1e-9));
        assertThat(w[0]).isGreaterThan(w[1]);
        float[][] blended = new float[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            blended[i] = EnsembleWeights.blend(List.of(good[i], weak[i]), w);
        }
        double blendLoss = LogLoss.of(blended, labels);
        assertThat(blendLoss).isLessThan(LogLoss.of(good, labels));
        assertThat(blendLoss).isLessThan(LogLoss.of(weak, labels));
        // optimal: no small change of the weights improves the validation loss
        double[] v = {Math.log(w[0]), Math.log(w[1])};
        double at = EnsembleWeights.loss(v, new double[][] {trueProbs(good, labels), trueProbs(weak, labels)});
        for (double d : new double[] {-0.05, 0.05}) {
            double[] moved = {v[0] + d, v[1]};
            assertThat(EnsembleWeights.loss(moved, new double[][] {trueProbs(good, labels), trueProbs(weak, labels)}))
                    .isGreaterThanOrEqualTo(at - 1e-9);
        }
    }

    @Test
    void identicalModelsShareTheWeight() {
        int[] labels = {0, 1, 2, 0};
        float[][] p = {{0.7f, 0.2f, 0.1f}, {0.2f, 0.7f, 0.1f}, {0.1f, 0.2f, 0.7f}, {0.3f, 0.4f, 0.3f}};
        double[] w = EnsembleWeights.fit(List.of(p, p), labels);
        assertThat(w[0]).isCloseTo(0.5, offset(1e-9));
    }

    static double[] trueProbs(float[][] p, int[] labels) {
        double[] t = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            t[i] = p[i][labels[i]];
        }
        return t;
    }
}
