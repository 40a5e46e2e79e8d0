package org.plankton.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CalibrationErrorTest {

    private static final float[][] PROBS = {{0.92f, 0.08f}, {0.88f, 0.12f}, {0.34f, 0.66f}, {0.64f, 0.36f}};
    private static final int[] LABELS = {0, 1, 1, 1};

    @Test
    void handExampleWithTenBins() {
        // bin (0.9,1.0]: 1 image, correct, conf .92 -> |1 - .92| * 1/4 = .02
        // bin (0.8,0.9]: 1 image, wrong, conf .88  -> .88 * 1/4        = .22
        // bin (0.6,0.7]: 2 images, 1 correct, mean conf .65 -> .15 * 2/4 = .075
        assertThat(CalibrationError.expected(PROBS, LABELS, 10)).isCloseTo(0.315, within(1e-6));
    }

    @Test
    void oneBinIsAccuracyMinusMeanConfidence() {
        assertThat(CalibrationError.expected(PROBS, LABELS, 1)).isCloseTo(0.775 - 0.5, within(1e-6));
    }

    @Test
    void perfectlyCalibratedIsZero() {
        assertThat(CalibrationError.expected(new float[][] {{0.5f, 0.5f}, {0.5f, 0.5f}}, new int[] {0, 1}))
                .isEqualTo(0.0);
    }

    @Test
    void binsMustBePositive() {
        assertThatThrownBy(() -> CalibrationError.expected(PROBS, LABELS, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }
}
