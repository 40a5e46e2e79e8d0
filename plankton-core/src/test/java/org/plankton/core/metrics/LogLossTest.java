package org.plankton.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogLossTest {

    private static double of(float[] row, int label) {
        return LogLoss.of(new float[][] {row}, new int[] {label});
    }

    @Test
    void trueClassProbability() {
        assertThat(of(new float[] {0.7f, 0.2f, 0.1f}, 0)).isCloseTo(-Math.log(0.7), within(1e-7));
    }

    @Test
    void rowsAreDividedByTheirSumFirst() {
        assertThat(of(new float[] {2, 1, 1}, 0)).isCloseTo(-Math.log(0.5), within(1e-12));
    }

    @Test
    void zeroProbabilityIsClippedTo1eMinus15() {
        assertThat(of(new float[] {0, 1, 0}, 0)).isCloseTo(34.538776, within(1e-6));
        assertThat(of(new float[] {0, 1, 0}, 0)).isEqualTo(-Math.log(1e-15));
    }

    @Test
    void certaintyIsClippedBelowOne() {
        double l = of(new float[] {1, 0}, 0);
        assertThat(l).isEqualTo(-Math.log(1 - 1e-15)).isGreaterThan(0);
    }

    @Test
    void allZeroRowCostsTheMaximum() {
        assertThat(of(new float[] {0, 0, 0}, 1)).isEqualTo(-Math.log(LogLoss.EPS));
    }

    @Test
    void meanOverRows() {
        float[][] p = {{0.7f, 0.3f}, {0.4f, 0.6f}, {2, 2}};
        double expected = (-Math.log(0.7) - Math.log(0.6) - Math.log(0.5)) / 3;
        assertThat(LogLoss.of(p, new int[] {0, 1, 0})).isCloseTo(expected, within(1e-7));
    }

    @Test
    void shapeMistakesAreNamed() {
        assertThatThrownBy(() -> LogLoss.of(new float[][] {{1, 0}}, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 probability rows but 2 labels");
        assertThatThrownBy(() -> LogLoss.of(new float[][] {{1, 0}, {1, 0, 0}}, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 has 3 values, expected 2");
        assertThatThrownBy(() -> LogLoss.of(new float[][] {{1, 0}}, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 2 of row 0");
        assertThatThrownBy(() -> LogLoss.of(new float[][] {{Float.NaN, 0}}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> LogLoss.of(new float[0][], new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one image");
    }
}
