package org.plankton.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Mahalanobis fit and score against Gaussian features whose true parameters are known. */
class DomainFitTest {

    /** Two classes in 3 dimensions, covariance diag(4, 1, 0.25), means (0,0,0) and (10,0,0). */
    private static final double[] SD = {2, 1, 0.5};
    private static final double[][] MEANS = {{0, 0, 0}, {10, 0, 0}};

    private static float[][] sample(int n, Random rnd, int[] labels) {
        float[][] x = new float[n][3];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int d = 0; d < 3; d++) {
                x[i][d] = (float) (MEANS[labels[i]][d] + SD[d] * rnd.nextGaussian());
            }
        }
        return x;
    }

    private static double trueDistance(float[] x) {
        double best = Double.POSITIVE_INFINITY;
        for (double[] m : MEANS) {
            double d = 0;
            for (int i = 0; i < 3; i++) {
                d += Math.pow((x[i] - m[i]) / SD[i], 2);
            }
            best = Math.min(best, d);
        }
        return best;
    }

    @Test
    void fullRankScoreIsTheSquaredMahalanobisDistanceToTheNearestClass() {
        int n = 20_000;
        int[] labels = new int[n];
        DomainModel model = DomainFit.fit(sample(n, new Random(1), labels), labels, 2, 3);
        assertThat(model.variances()).containsExactly(new double[] {4, 1, 0.25}, within(0.15));
        DomainModel.Scorer scorer = model.scorer();
        for (float[] x : new float[][] {{0, 0, 0}, {2, 0, 0}, {10, 1, 0}, {5, 0, 1}, {0, 3, 0}}) {
            double expected = trueDistance(x);
            assertThat(scorer.score(x)).isCloseTo(expected, within(0.05 * expected + 0.05));
        }
    }

    @Test
    void lowRankKeepsTheResidualAsOneVariance() {
        int n = 20_000;
        int[] labels = new int[n];
        DomainModel model = DomainFit.fit(sample(n, new Random(2), labels), labels, 2, 1);
        assertThat(model.rank()).isEqualTo(1);
        // The rest (variances 1 and 0.25) is modelled by their mean, 0.625.
        assertThat(model.residual()).isCloseTo(0.625, within(0.05));
        double expected = 1 / 0.625; // a point one unit off along the second axis
        assertThat(model.scorer().score(new float[] {0, 1, 0})).isCloseTo(expected, within(0.1 * expected));
    }

    @Test
    void thresholdLetsTheAskedFractionPass() {
        double[] scores = new double[100];
        for (int i = 0; i < 100; i++) {
            scores[i] = 100 - i; // 1..100, unordered
        }
        assertThat(DomainFit.threshold(scores, 0.95)).isEqualTo(95);
        assertThat(DomainFit.threshold(scores, 1.0)).isEqualTo(100);
        assertThat(DomainFit.threshold(new double[] {3}, 0.95)).isEqualTo(3);
        int[] labels = new int[2000];
        DomainModel model = DomainFit.fit(sample(2000, new Random(3), labels), labels, 2, 3);
        int[] heldLabels = new int[1000];
        float[][] held = sample(1000, new Random(4), heldLabels);
        double[] heldScores = new double[held.length];
        for (int i = 0; i < held.length; i++) {
            heldScores[i] = model.scorer().score(held[i]);
        }
        DomainModel calibrated = DomainFit.calibrate(model, heldScores, 0.95);
        long passing = java.util.Arrays.stream(heldScores).filter(s -> !calibrated.flags(s)).count();
        assertThat(passing).isBetween(950L, 951L);
        // chi-square with 3 degrees of freedom: 95% below 7.81
        assertThat(calibrated.threshold()).isCloseTo(7.81, within(1.0));
    }

    @Test
    void eigenDecompositionOfAKnownMatrix() {
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
        assertThat(e.values()).containsExactly(new double[] {3, 1}, within(1e-9));
        assertThat(Math.abs(e.vectors()[0][0])).isCloseTo(Math.sqrt(0.5), within(1e-9));
    }
}
