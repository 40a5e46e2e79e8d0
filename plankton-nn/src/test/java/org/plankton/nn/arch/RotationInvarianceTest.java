package org.plankton.nn.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plankton.nn.engine.Engines;
import org.plankton.nn.engine.InferenceNetwork;
import org.plankton.nn.engine.NetworkSpec;

/** Cyclic slice + RMS pooling (+ roll) makes a network exactly invariant to 90-degree rotations. */
class RotationInvarianceTest {

    static final int SIDE = 31; // 31 -> 15 -> 7: every pooling stage covers its input exactly

    /** Rotates a square row-major image by 90 degrees (clockwise); exact, no interpolation. */
    static float[] rotate90(float[] img, int side) {
        float[] out = new float[img.length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                out[x * side + (side - 1 - y)] = img[y * side + x];
            }
        }
        return out;
    }

    static float[] randomImage(long seed) {
        Random r = new Random(seed);
        float[] img = new float[SIDE * SIDE];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) r.nextGaussian();
        }
        return img;
    }

    static float maxDifferenceOverRotations(ArchitectureConfig arch) {
        try (InferenceNetwork net = Engines.current().network(new NetworkSpec(arch, 5, SIDE), 1)) {
            float[] img = randomImage(1);
            float[] p0 = net.probabilities(img, 1)[0];
            float worst = 0;
            float[] rotated = img;
            for (int k = 1; k < 4; k++) {
                rotated = rotate90(rotated, SIDE);
                float[] pk = net.probabilities(rotated, 1)[0];
                for (int c = 0; c < p0.length; c++) {
                    worst = Math.max(worst, Math.abs(pk[c] - p0[c]));
                }
            }
            return worst;
        }
    }

    @Test
    void cyclicPooledNetworkGivesTheSameProbabilitiesForAllFourRotations() {
        assertThat(maxDifferenceOverRotations(ArchitectureConfig.tiny().withRotations(4, false))).isLessThan(1e-5f);
    }

    @Test
    void rollLayersKeepTheInvariance() {
        assertThat(maxDifferenceOverRotations(ArchitectureConfig.tiny().withRotations(4, true))).isLessThan(1e-5f);
    }

    @Test
    void aPlainNetworkIsNotInvariantSoTheTestCanFail() {
        assertThat(maxDifferenceOverRotations(ArchitectureConfig.tiny())).isGreaterThan(1e-4f);
    }

    @Test
    void sizesWhosePoolingIsNotSymmetricAreRefused() {
        assertThat(ArchitectureConfig.defaults().poolsSymmetrically(95)).isTrue();
        assertThat(ArchitectureConfig.defaults().poolsSymmetrically(63)).isTrue();
        assertThat(ArchitectureConfig.defaults().poolsSymmetrically(64)).isFalse();
        assertThatThrownBy(() -> Engines.current().network(
                new NetworkSpec(ArchitectureConfig.defaults().withRotations(4, true), 3, 64), 1))
                .hasMessageContaining("63");
        assertThatThrownBy(() -> ArchitectureConfig.tiny().withRotations(1, true)).hasMessageContaining("roll");
    }

    @Test
    void orthogonalInitGivesOrthonormalRowsOrColumnsTimesTheGain() {
        Random r = new Random(3);
        for (int[] rc : new int[][] {{4, 9}, {9, 4}}) {
            int rows = rc[0];
            int cols = rc[1];
            float[] g = new float[rows * cols];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) r.nextGaussian();
            }
            float gain = 1.5f;
            float[] w = OrthogonalInitializer.orthogonal(rows, cols, gain, g);
            boolean byRows = rows <= cols;
            int n = byRows ? rows : cols;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    double dot = 0;
                    for (int k = 0; k < (byRows ? cols : rows); k++) {
                        dot += byRows ? w[a * cols + k] * w[b * cols + k] : w[k * cols + a] * w[k * cols + b];
                    }
                    assertThat(dot).isCloseTo(a == b ? gain * gain : 0, within(1e-4));
                }
            }
        }
    }

    @Test
    void maxoutAndOrthogonalNetworksBuildAndPredict() {
        ArchitectureConfig arch = ArchitectureConfig.tiny().withMaxout(2).withInit("orthogonal");
        try (InferenceNetwork net = Engines.current().network(new NetworkSpec(arch, 3, SIDE), 2)) {
            float[][] p = net.probabilities(randomImage(2), 1);
            assertThat(p[0]).hasSize(3);
            assertThat(p[0][0] + p[0][1] + p[0][2]).isCloseTo(1f, within(1e-5f));
        }
    }

    @Test
    void architecturesSavedBeforeTheNewFieldsLoadWithTheOldMeaning() {
        Map<String, Object> old = new LinkedHashMap<>();
        old.put("type", "vgg");
        old.put("stages", List.of(List.of(8), List.of(16)));
        old.put("denseUnits", 32);
        old.put("leakySlope", 0.1);
        old.put("dropout", 0.1);
        old.put("batchNorm", true);
        ArchitectureConfig a = ArchitectureConfig.fromMap(old);
        assertThat(a).isEqualTo(ArchitectureConfig.tiny());
        assertThat(a.init()).isEqualTo("xavier");
        assertThat(a.rotations()).isEqualTo(1);
        assertThat(ArchitectureConfig.fromMap(a.withRotations(4, true).toMap())).isEqualTo(a.withRotations(4, true));
    }
}
