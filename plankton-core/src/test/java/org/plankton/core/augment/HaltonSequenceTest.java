package org.plankton.core.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HaltonSequenceTest {

    @Test
    void knownValues() {
        assertThat(HaltonSequence.point(0, 3)).containsExactly(0, 0, 0);
        assertThat(HaltonSequence.point(1, 2)).containsExactly(0.5, 1.0 / 3);
        double[] p = HaltonSequence.point(2, 2);
        assertThat(p[0]).isEqualTo(0.25);
        assertThat(p[1]).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(HaltonSequence.point(3, 1)[0]).isEqualTo(0.75);
        assertThat(HaltonSequence.point(1, 7)[6]).isCloseTo(1.0 / 17, within(1e-15));
    }

    @Test
    void pointsAreInTheUnitCubeDistinctAndEvenlySpread() {
        Set<String> seen = new HashSet<>();
        double[] sums = new double[7];
        int n = 1000;
        for (int i = 1; i <= n; i++) {
            double[] p = HaltonSequence.point(i, 7);
            for (int d = 0; d < 7; d++) {
                assertThat(p[d]).isGreaterThanOrEqualTo(0).isLessThan(1);
                sums[d] += p[d];
            }
            assertThat(seen.add(java.util.Arrays.toString(p))).isTrue();
        }
        for (double s : sums) {
            assertThat(s / n).isCloseTo(0.5, within(0.02));
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> HaltonSequence.point(1, 8)).withMessageContaining("8");
        assertThatIllegalArgumentException().isThrownBy(() -> HaltonSequence.point(1, 0)).withMessageContaining("0");
        assertThatIllegalArgumentException().isThrownBy(() -> HaltonSequence.point(-1, 2)).withMessageContaining("-1");
    }
}
