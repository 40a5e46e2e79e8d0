package org.plankton.core.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plankton.core.preprocess.Affine;

class TestTimeAugmentationTest {

    @Test
    void firstViewIsTheIdentityAndTheOthersDiffer() {
        List<Affine> t = TestTimeAugmentation.transforms(AugmentConfig.testTime(), 64, 16);
        assertThat(t).hasSize(16);
        assertThat(t.get(0).isIdentity()).isTrue();
        assertThat(new HashSet<>(t)).hasSize(16);
        assertThat(TestTimeAugmentation.transforms(AugmentConfig.testTime(), 64, 1)).containsExactly(Affine.identity());
    }

    @Test
    void noneRangesGiveOnlyIdentities() {
        assertThat(TestTimeAugmentation.transforms(AugmentConfig.none(), 64, 8)).allMatch(Affine::isIdentity);
    }

    @Test
    void combinesByArithmeticOrGeometricMean() {
        List<float[]> views = List.of(new float[] {0.8f, 0.2f}, new float[] {0.2f, 0.8f}, new float[] {0.5f, 0.5f});
        assertThat(TestTimeAugmentation.combine(views, false)).containsExactly(new float[] {0.5f, 0.5f}, offset(1e-6f));
        float[] g = TestTimeAugmentation.combine(List.of(new float[] {0.9f, 0.1f}, new float[] {0.1f, 0.9f}), true);
        assertThat(g).containsExactly(new float[] {0.5f, 0.5f}, offset(1e-6f));
        // geometric: exp(mean log) renormalised; (0.9*0.5)^0.5 : (0.1*0.5)^0.5 = 3 : 1
        float[] g2 = TestTimeAugmentation.combine(List.of(new float[] {0.9f, 0.1f}, new float[] {0.5f, 0.5f}), true);
        assertThat(g2).containsExactly(new float[] {0.75f, 0.25f}, offset(1e-6f));
        assertThatThrownBy(() -> TestTimeAugmentation.combine(List.of(), false)).hasMessageContaining("no views");
    }
}
