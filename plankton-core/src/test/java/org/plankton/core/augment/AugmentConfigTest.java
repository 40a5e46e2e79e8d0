package org.plankton.core.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class AugmentConfigTest {

    @Test
    void factoriesFollowTheRecipe() {
        AugmentConfig d = AugmentConfig.defaults();
        assertThat(d).isEqualTo(new AugmentConfig(180, 10.0 / 95, 1.6, 1.3, 20, true));
        AugmentConfig t = AugmentConfig.testTime();
        assertThat(t).isEqualTo(new AugmentConfig(180, 8.0 / 95, 1.4, 1.2, 10, true));
        assertThat(AugmentConfig.none().isNone()).isTrue();
        assertThat(d.isNone()).isFalse();
    }

    @Test
    void validationNamesTheBadValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AugmentConfig(-1, 0, 1, 1, 0, false))
                .withMessageContaining("maxRotationDegrees").withMessageContaining("-1");
        assertThatIllegalArgumentException().isThrownBy(() -> new AugmentConfig(0, -0.1, 1, 1, 0, false))
                .withMessageContaining("maxTranslation").withMessageContaining("-0.1");
        assertThatIllegalArgumentException().isThrownBy(() -> new AugmentConfig(0, 0, 0.9, 1, 0, false))
                .withMessageContaining("maxZoom").withMessageContaining("0.9");
        assertThatIllegalArgumentException().isThrownBy(() -> new AugmentConfig(0, 0, 1, 0.5, 0, false))
                .withMessageContaining("maxStretch").withMessageContaining("0.5");
        assertThatIllegalArgumentException().isThrownBy(() -> new AugmentConfig(0, 0, 1, 1, Double.NaN, false))
                .withMessageContaining("maxShearDegrees").withMessageContaining("NaN");
    }
}
