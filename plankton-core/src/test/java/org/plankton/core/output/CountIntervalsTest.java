package org.plankton.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountIntervalsTest {

    @Test
    void bootstrapIntervalOfACountMatchesTheBinomialsSpread() {
        // 400 images, 100 of them class 1 for sure: a resampled count is Binomial(400, 0.25),
        // sd sqrt(400 * 0.25 * 0.75) = 8.66, so the 95% interval is about 100 -+ 17
        List<float[]> p = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            p.add(i < 100 ? new float[] {0f, 1f} : new float[] {1f, 0f});
        }
        CountIntervals ci = CountIntervals.bootstrap(p, 2, "s");
        assertThat(ci.countLow()[1]).isBetween(78.0, 88.0);
        assertThat(ci.countHigh()[1]).isBetween(112.0, 122.0);
        assertThat(ci.expectedLow()[1]).isBetween(78.0, 88.0);
        assertThat(ci.countLow()[0] + ci.countHigh()[1]).isBetween(390.0, 410.0); // the two classes mirror each other
    }

    @Test
    void sameSampleSameInterval() {
        List<float[]> p = List.of(new float[] {0.3f, 0.7f}, new float[] {0.8f, 0.2f}, new float[] {0.5f, 0.5f});
        CountIntervals a = CountIntervals.bootstrap(p, 2, "x");
        CountIntervals b = CountIntervals.bootstrap(p, 2, "x");
        assertThat(a.expectedHigh()).containsExactly(b.expectedHigh());
        assertThat(a.expectedLow()[0]).isLessThanOrEqualTo(1.6).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void labelBootstrapBracketsTheCountsAndIsRepeatable() {
        int[] labels = new int[200];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 150 ? 0 : 1;
        }
        double[][] a = CountIntervals.bootstrapLabels(labels, 3, "s");
        double[][] b = CountIntervals.bootstrapLabels(labels, 3, "s");
        org.assertj.core.api.Assertions.assertThat(a[0]).containsExactly(b[0]);
        org.assertj.core.api.Assertions.assertThat(a[0][0]).isLessThan(150).isGreaterThan(130);
        org.assertj.core.api.Assertions.assertThat(a[1][0]).isGreaterThan(150).isLessThan(170);
        org.assertj.core.api.Assertions.assertThat(a[0][2]).isZero();
        org.assertj.core.api.Assertions.assertThat(a[1][2]).isZero();
        org.assertj.core.api.Assertions.assertThat(CountIntervals.bootstrapLabels(new int[0], 2, "e")[1]).containsExactly(0, 0);
    }
}
