package org.plankton.nn.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;
import org.plankton.nn.engine.FeatureBatch;

/** The features pass computes the same function as the plain one and exposes every branch's penultimate layer. */
class PenultimateFeaturesTest {

    @Test
    void featuresOfEveryBranchAndTheSameProbabilities() {
        ArchitectureConfig arch = ArchitectureConfig.tiny().withSizeFeatures(true).withFixedScale(0.5f);
        int n = 5;
        float[] rows = TestData.rows(InputLayout.of(arch, 32), PreprocessConfig.defaults(), n, 3);
        try (TorchNetwork net = TorchNetwork.create(arch, 4, 32, 1)) {
            assertThat(net.exposesFeatures()).isTrue();
            FeatureBatch b = net.features(rows, 0, n);
            // convnet dense units + fixed-scale net's 64 + size net's 80
            assertThat(b.width()).isEqualTo(arch.denseUnits() + 64 + 80);
            float[][] plain = net.probabilities(rows, n);
            float[][] viaFeatures = b.probabilities();
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 4; c++) {
                    assertThat(viaFeatures[i][c]).isCloseTo(plain[i][c], within(1e-5f));
                }
            }
            FeatureBatch second = net.features(rows, 2, 2);
            for (int d = 0; d < b.width(); d++) {
                assertThat(second.features()[0][d]).isCloseTo(b.features()[2][d], within(1e-3f * Math.max(1f, Math.abs(b.features()[2][d]))));
            }
        }
    }
}
