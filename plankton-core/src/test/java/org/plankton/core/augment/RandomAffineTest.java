package org.plankton.core.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plankton.core.preprocess.Affine;

class RandomAffineTest {

    private static List<Affine> draw(AugmentConfig cfg, long seed, int n) {
        Random rng = new Random(seed);
        List<Affine> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(RandomAffine.sample(cfg, 64, rng));
        }
        return out;
    }

    /** Singular values of the linear part, larger first. */
    private static double[] singularValues(Affine m) {
        double p = m.a() * m.a() + m.b() * m.b() + m.d() * m.d() + m.e() * m.e();
        double det = Math.abs(m.determinant());
        double root = Math.sqrt(Math.max(0, p * p / 4 - det * det));
        return new double[] {Math.sqrt(p / 2 + root), Math.sqrt(Math.max(0, p / 2 - root))};
    }

    @Test
    void sameSeedSameTransforms() {
        assertThat(draw(AugmentConfig.defaults(), 42, 50)).isEqualTo(draw(AugmentConfig.defaults(), 42, 50));
        assertThat(draw(AugmentConfig.defaults(), 42, 50)).isNotEqualTo(draw(AugmentConfig.defaults(), 43, 50));
    }

    @Test
    void randomStreamAdvancesTheSameWhateverTheConfig() {
        Random a = new Random(5);
        Random b = new Random(5);
        RandomAffine.sample(AugmentConfig.none(), 64, a);
        RandomAffine.sample(AugmentConfig.defaults(), 95, b);
        assertThat(a.nextLong()).isEqualTo(b.nextLong());
    }

    @Test
    void noneIsTheIdentity() {
        for (Affine m : draw(AugmentConfig.none(), 1, 100)) {
            assertThat(m.isIdentity()).isTrue();
            assertThat(m).isEqualTo(Affine.identity());
        }
    }

    @Test
    void zoomStaysInRangeAndCoversIt() {
        AugmentConfig cfg = AugmentConfig.defaults();
        double minZoom = Double.MAX_VALUE;
        double maxZoom = 0;
        int flips = 0;
        List<Affine> samples = draw(cfg, 7, 4000);
        for (Affine m : samples) {
            // shear and rotation keep area, flip negates it: |det| = zoom^2 exactly
            double zoom = Math.sqrt(Math.abs(m.determinant()));
            minZoom = Math.min(minZoom, zoom);
            maxZoom = Math.max(maxZoom, zoom);
            if (m.determinant() < 0) {
                flips++;
            }
            double maxShift = 10.0 / 95 * 64;
            assertThat(Math.abs(m.c())).isLessThanOrEqualTo(maxShift + 1e-9);
            assertThat(Math.abs(m.f())).isLessThanOrEqualTo(maxShift + 1e-9);
        }
        assertThat(minZoom).isGreaterThanOrEqualTo(1 / 1.6 - 1e-9).isLessThan(0.66);
        assertThat(maxZoom).isLessThanOrEqualTo(1.6 + 1e-9).isGreaterThan(1.5);
        assertThat(flips).isBetween(1800, 2200);
    }

    @Test
    void stretchStaysInRange() {
        AugmentConfig cfg = new AugmentConfig(180, 0.1, 1.6, 1.3, 0, true); // no shear: singular values are zoom*stretch, zoom/stretch
        double maxRatio = 0;
        for (Affine m : draw(cfg, 11, 4000)) {
            double[] sv = singularValues(m);
            double stretch = Math.sqrt(sv[0] / sv[1]);
            assertThat(stretch).isLessThanOrEqualTo(1.3 + 1e-9);
            maxRatio = Math.max(maxRatio, stretch);
        }
        assertThat(maxRatio).isGreaterThan(1.25);
    }

    @Test
    void uniformsMapToTheRangesEnds() {
        AugmentConfig cfg = AugmentConfig.defaults();
        double[] mid = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.75};
        assertThat(RandomAffine.fromUniforms(cfg, 64, mid)).isEqualTo(Affine.identity());
        double[] flip = mid.clone();
        flip[RandomAffine.FLIP] = 0.25;
        assertThat(RandomAffine.fromUniforms(cfg, 64, flip)).isEqualTo(Affine.flipX());
        assertThat(RandomAffine.fromUniforms(cfg, 64, Arrays.copyOf(mid, 6), true)).isEqualTo(Affine.flipX());
        assertThat(RandomAffine.fromUniforms(AugmentConfig.none(), 64, flip)).isEqualTo(Affine.identity());

        double[] u = mid.clone();
        u[RandomAffine.TRANSLATE_X] = 1;
        u[RandomAffine.TRANSLATE_Y] = 0;
        Affine t = RandomAffine.fromUniforms(cfg, 95, u);
        assertThat(t.c()).isCloseTo(10, within(1e-9));
        assertThat(t.f()).isCloseTo(-10, within(1e-9));

        u = mid.clone();
        u[RandomAffine.ZOOM] = 1;
        assertThat(RandomAffine.fromUniforms(cfg, 64, u).a()).isCloseTo(1.6, within(1e-12));
        u[RandomAffine.ZOOM] = 0;
        assertThat(RandomAffine.fromUniforms(cfg, 64, u).a()).isCloseTo(1 / 1.6, within(1e-12));

        u = mid.clone();
        u[RandomAffine.ROTATION] = 0.75; // +90 degrees of the full circle
        Affine r = RandomAffine.fromUniforms(cfg, 64, u);
        assertThat(r).isEqualTo(Affine.rotationDegrees(90));
    }

    @Test
    void badUniformsAreRejected() {
        AugmentConfig cfg = AugmentConfig.defaults();
        assertThatIllegalArgumentException().isThrownBy(() -> RandomAffine.fromUniforms(cfg, 64, new double[6]))
                .withMessageContaining("7").withMessageContaining("6");
        double[] u = new double[7];
        u[2] = 1.5;
        assertThatIllegalArgumentException().isThrownBy(() -> RandomAffine.fromUniforms(cfg, 64, u))
                .withMessageContaining("1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> RandomAffine.fromUniforms(cfg, 0, new double[7]))
                .withMessageContaining("canvasSize");
    }

    @Test
    void haltonPointsFeedFromUniforms() {
        for (int i = 1; i <= 70; i++) {
            Affine m = RandomAffine.fromUniforms(AugmentConfig.testTime(), 64,
                    HaltonSequence.point(i, RandomAffine.DIMENSIONS));
            double zoom = Math.sqrt(Math.abs(m.determinant()));
            assertThat(zoom).isBetween(1 / 1.4 - 1e-9, 1.4 + 1e-9);
        }
    }
}
