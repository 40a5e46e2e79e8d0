package org.plankton.core.quantify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * On data with known class-conditional distributions (1-D Gaussians that overlap), the exact
 * Bayes posteriors under the training mix are a perfectly calibrated classifier; a sample drawn with
 * another mix must get that mix back, where the mean of the posteriors stays biased towards the
 * training mix.
 */
class PriorShiftTest {

    static final double[] MEANS = {0, 1.2, 2.4};

    static float[] posterior(double x, double[] priors) {
        float[] p = new float[MEANS.length];
        double z = 0;
        double[] v = new double[MEANS.length];
        for (int c = 0; c < MEANS.length; c++) {
            v[c] = priors[c] * Math.exp(-0.5 * (x - MEANS[c]) * (x - MEANS[c]));
            z += v[c];
        }
        for (int c = 0; c < MEANS.length; c++) {
            p[c] = (float) (v[c] / z);
        }
        return p;
    }

    static List<float[]> sample(double[] mix, double[] trainPriors, int n, long seed) {
        Random rnd = new Random(seed);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble();
            int c = 0;
            while (c < mix.length - 1 && u > mix[c]) {
                u -= mix[c];
                c++;
            }
            out.add(posterior(MEANS[c] + rnd.nextGaussian(), trainPriors));
        }
        return out;
    }

    static double[] mean(List<float[]> ps) {
        double[] m = new double[ps.get(0).length];
        for (float[] p : ps) {
            for (int c = 0; c < m.length; c++) {
                m[c] += p[c] / ps.size();
            }
        }
        return m;
    }

    @Test
    void recoversTheSamplesMixWhereTheMeanProbabilityStaysBiased() {
        double[] train = {0.6, 0.3, 0.1};
        double[] bloom = {0.1, 0.2, 0.7};
        List<float[]> ps = sample(bloom, train, 20_000, 1);
        PriorShift.Result r = PriorShift.estimate(ps, train);
        assertThat(r.converged()).isTrue();
        double[] naive = mean(ps);
        for (int c = 0; c < 3; c++) {
            assertThat(r.proportions()[c]).as("class %d", c).isCloseTo(bloom[c], within(0.02));
        }
        assertThat(Math.abs(naive[2] - bloom[2])).as("the mean probability is biased towards the training mix")
                .isGreaterThan(0.1);
        assertThat(r.proportions()[0] + r.proportions()[1] + r.proportions()[2]).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aSampleWithTheTrainingMixStaysThere() {
        double[] train = {0.5, 0.3, 0.2};
        PriorShift.Result r = PriorShift.estimate(sample(train, train, 20_000, 2), train);
        for (int c = 0; c < 3; c++) {
            assertThat(r.proportions()[c]).isCloseTo(train[c], within(0.02));
        }
    }

    @Test
    void classesAbsentFromTrainingStayAtZeroAndUnnormalisedPriorsAreFine() {
        double[] train = {6, 4, 0};
        List<float[]> ps = new ArrayList<>();
        ps.add(new float[] {0.7f, 0.3f, 0f});
        ps.add(new float[] {0.2f, 0.8f, 0f});
        PriorShift.Result r = PriorShift.estimate(ps, train);
        assertThat(r.proportions()[2]).isZero();
        assertThat(PriorShift.estimate(List.of(), train).proportions()).containsExactly(0.6, 0.4, 0.0);
        assertThatThrownBy(() -> PriorShift.estimate(ps, new double[] {0, 0, 0})).hasMessageContaining("sum to 0");
        assertThatThrownBy(() -> PriorShift.estimate(ps, new double[] {1, 1})).hasMessageContaining("expected 2");
    }
}
