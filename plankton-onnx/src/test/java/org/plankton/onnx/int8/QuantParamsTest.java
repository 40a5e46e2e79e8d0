package org.plankton.onnx.int8;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The arithmetic of quantisation: ranges that hold zero exactly, per-channel weights, least-error ranges. */
class QuantParamsTest {

    @Test
    void activationRangeAlwaysHoldsZeroExactly() {
        QuantParams positive = QuantParams.ofRange(0.5, 6.0);
        assertThat(positive.zeroPoint()).isZero();
        assertThat(positive.scale()).isCloseTo(6f / 255, org.assertj.core.data.Offset.offset(1e-6f));
        QuantParams both = QuantParams.ofRange(-1.0, 3.0);
        // 0 maps to an integer level, so zero padding stays exactly 0 after dequantisation
        assertThat(both.zeroPoint() * both.scale()).isCloseTo(1f, org.assertj.core.data.Offset.offset(both.scale()));
        assertThat(QuantParams.ofRange(0, 0).scale()).isPositive();
    }

    @Test
    void weightsArePerOutputChannelAndWithinHalfAStep() {
        Random r = new Random(3);
        long[] dims = {4, 2, 3, 3};
        float[] w = new float[72];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian() * (i < 18 ? 0.01f : 1f); // channel 0 a hundred times smaller
        }
        QuantParams.Int8Weights q = QuantParams.weights(w, dims, 0);
        assertThat(q.scales()).hasSize(4);
        assertThat(q.scales()[0]).isLessThan(q.scales()[1] / 10);
        for (int i = 0; i < w.length; i++) {
            float s = q.scales()[i / 18];
            assertThat(Math.abs(q.values()[i] * s - w[i])).isLessThanOrEqualTo(s / 2 + 1e-7f);
            assertThat((int) q.values()[i]).isBetween(-127, 127);
        }
        // a (in, out) weight quantised along axis 1
        QuantParams.Int8Weights cols = QuantParams.weights(new float[] {1, 100, -2, 50}, new long[] {2, 2}, 1);
        assertThat(cols.scales()[0]).isCloseTo(2f / 127, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(cols.scales()[1]).isCloseTo(100f / 127, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void leastErrorRangeClipsAnExtremeOutlierButNotTheBulk() {
        Random r = new Random(5);
        float[] v = new float[1_000_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.abs(r.nextGaussian());
        }
        // One outlier in a million: min/max steps of 1.2 would cost the bulk about 1e6 x 1.2^2 / 12 = 1.2e5 of
        // squared error; clipping the outlier near 4.4 costs its own 296^2 = 8.7e4 and leaves steps of 0.02.
        v[17] = 300;
        ActivationStats s = new ActivationStats(1 << 20, 1);
        s.add(FloatBuffer.wrap(v));
        assertThat(s.range(1)[1]).isEqualTo(300);
        double[] best = s.minimumErrorRange(Int8Export.MSE_CANDIDATES);
        assertThat(best[1]).isBetween(3.0, 6.0);
    }
}
