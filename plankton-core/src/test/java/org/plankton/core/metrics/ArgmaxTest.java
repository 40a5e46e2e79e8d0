package org.plankton.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArgmaxTest {

    @Test
    void largestWinsAndTiesGoToTheLowerIndex() {
        assertThat(Argmax.of(new float[] {0.1f, 0.7f, 0.2f})).isEqualTo(1);
        assertThat(Argmax.of(new float[] {0.4f, 0.2f, 0.4f})).isEqualTo(0);
        assertThat(Argmax.of(new float[] {0.3f, Float.NaN, 0.5f})).isEqualTo(2);
        assertThat(Argmax.of(new float[] {1f})).isZero();
        assertThatThrownBy(() -> Argmax.of(new float[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
