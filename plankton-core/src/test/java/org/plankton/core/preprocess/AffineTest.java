package org.plankton.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AffineTest {

    @Test
    void thenAppliesThisFirst() {
        Affine m = Affine.translation(1, 0).then(Affine.scale(2, 3));
        assertThat(m.applyX(0, 0)).isEqualTo(2);
        assertThat(m.applyY(0, 1)).isEqualTo(3);
        Affine n = Affine.scale(2, 3).then(Affine.translation(1, 0));
        assertThat(n.applyX(0, 0)).isEqualTo(1);
    }

    @Test
    void quarterTurnsAreExact() {
        Affine r = Affine.rotationDegrees(90);
        assertThat(r).isEqualTo(new Affine(0, -1, 0, 1, 0, 0));
        // +x turns towards +y (down in an image)
        assertThat(r.applyX(1, 0)).isEqualTo(0);
        assertThat(r.applyY(1, 0)).isEqualTo(1);
        assertThat(Affine.rotationDegrees(-90)).isEqualTo(Affine.rotationDegrees(270));
        assertThat(Affine.rotationDegrees(180)).isEqualTo(Affine.scale(-1, -1));
        assertThat(Affine.rotationDegrees(720).isIdentity()).isTrue();
        assertThat(Affine.rotationDegrees(0)).isEqualTo(Affine.identity());
    }

    @Test
    void generalRotationAndShear() {
        Affine r = Affine.rotationDegrees(30);
        assertThat(r.applyX(1, 0)).isCloseTo(Math.sqrt(3) / 2, within(1e-12));
        assertThat(r.applyY(1, 0)).isCloseTo(0.5, within(1e-12));
        Affine s = Affine.shearDegrees(45);
        assertThat(s.applyX(0, 1)).isCloseTo(1, within(1e-12));
        assertThat(s.applyY(0, 1)).isEqualTo(1);
        assertThat(Affine.flipX().applyX(3, 4)).isEqualTo(-3);
        assertThat(Affine.flipX().applyY(3, 4)).isEqualTo(4);
    }

    @Test
    void inverseUndoes() {
        Affine m = Affine.scale(1.7, 0.6).then(Affine.shearDegrees(12)).then(Affine.rotationDegrees(33))
                .then(Affine.flipX()).then(Affine.translation(5, -2));
        Affine id = m.then(m.inverse());
        assertThat(id.a()).isCloseTo(1, within(1e-12));
        assertThat(id.b()).isCloseTo(0, within(1e-12));
        assertThat(id.c()).isCloseTo(0, within(1e-12));
        assertThat(id.d()).isCloseTo(0, within(1e-12));
        assertThat(id.e()).isCloseTo(1, within(1e-12));
        assertThat(id.f()).isCloseTo(0, within(1e-12));
        double x = m.applyX(3, 7);
        double y = m.applyY(3, 7);
        assertThat(m.inverse().applyX(x, y)).isCloseTo(3, within(1e-12));
        assertThat(m.inverse().applyY(x, y)).isCloseTo(7, within(1e-12));
    }

    @Test
    void singularHasNoInverse() {
        assertThatIllegalArgumentException().isThrownBy(() -> Affine.scale(0, 1).inverse())
                .withMessageContaining("singular");
        assertThatIllegalArgumentException().isThrownBy(() -> new Affine(1, 2, 0, 2, 4, 0).inverse());
    }

    @Test
    void validationNamesTheBadValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Affine(1, 0, Double.NaN, 0, 1, 0))
                .withMessageContaining("c").withMessageContaining("NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> Affine.shearDegrees(90)).withMessageContaining("90");
        assertThatIllegalArgumentException().isThrownBy(() -> Affine.rotationDegrees(Double.POSITIVE_INFINITY));
    }

    @Test
    void negativeZeroIsNormalised() {
        assertThat(Affine.translation(-0.0, 0.0)).isEqualTo(Affine.identity());
        assertThat(Affine.translation(-0.0, -0.0).isIdentity()).isTrue();
        assertThat(Affine.translation(0.1, 0).isIdentity()).isFalse();
    }
}
