package org.plankton.nn.torch;

import org.plankton.nn.engine.Precision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.weights.DjlParamsReader;
import org.plankton.core.weights.NamedTensor;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;

class TorchNetworkTest {

    @Test
    void bf16StaysCloseToFp32OnTheDefaultModel() throws IOException {
        assumeTrue(Files.exists(TestData.V4.resolve("weights.params")), "models/ndsb-v4 is not in this checkout");
        Map<String, Object> manifest = TestData.manifest(TestData.V4);
        ArchitectureConfig arch = TestData.architecture(manifest);
        int n = 48;
        float[] rows = TestData.rows(InputLayout.of(arch, 64), TestData.preprocess(manifest), n, 21);
        try (TorchNetwork net = TorchNetwork.fromDjlParams(arch, 121, 64, TestData.V4.resolve("weights.params"))) {
            float[][] fp32 = net.probabilities(rows, n);
            net.setPrecision(Precision.BF16);
            float[][] bf16 = net.probabilities(rows, n);
            net.setPrecision(Precision.FP32);
            assertThat(net.probabilities(rows, n)).as("weights stay float32: back to fp32 is exact").isEqualTo(fp32);
            double maxDiff = 0;
            int sameTop1 = 0;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 121; c++) {
                    maxDiff = Math.max(maxDiff, Math.abs(fp32[i][c] - bf16[i][c]));
                }
                sameTop1 += argmax(fp32[i]) == argmax(bf16[i]) ? 1 : 0;
            }
            System.out.printf("bf16 vs fp32 on %d images: max |dp| %.4f, same top-1 %d/%d%n", n, maxDiff, sameTop1, n);
            // bf16 keeps 8 bits of mantissa: a loose bound, and the same decision on nearly every image.
            assertThat(maxDiff).isLessThan(0.08);
            assertThat(sameTop1).isGreaterThanOrEqualTo(n * 9 / 10);
        }
    }

    @Test
    void weightsRoundTripThroughSafetensorsExactly(@TempDir Path dir) throws IOException {
        ArchitectureConfig arch = ArchitectureConfig.tiny().withSizeFeatures(true);
        float[] rows = TestData.rows(InputLayout.of(arch, 32), PreprocessConfig.defaults(), 6, 2);
        try (TorchNetwork a = TorchNetwork.create(arch, 4, 32, 1); TorchNetwork b = TorchNetwork.create(arch, 4, 32, 2)) {
            assertThat(b.probabilities(rows, 6)).isNotEqualTo(a.probabilities(rows, 6));
            a.saveWeights(dir.resolve("w.safetensors"));
            b.loadWeights(dir.resolve("w.safetensors"));
            assertThat(b.probabilities(rows, 6)).isEqualTo(a.probabilities(rows, 6));
            assertThat(b.weights()).containsExactlyElementsOf(a.weights());
        }
    }

    @Test
    void initialisationMatchesNetworkFactory() {
        ArchitectureConfig arch = ArchitectureConfig.tiny();
        try (TorchNetwork net = TorchNetwork.create(arch, 3, 32, 5)) {
            for (NamedTensor t : net.weights()) {
                float[] v = t.values();
                if (t.name().endsWith("_weight")) {
                    double bound = Math.sqrt((double) t.shape()[0] / v.length); // sqrt(1 / fan-in)
                    double maxAbs = 0;
                    for (float x : v) {
                        maxAbs = Math.max(maxAbs, Math.abs(x));
                    }
                    assertThat(maxAbs).as(t.name()).isLessThanOrEqualTo(bound).isGreaterThan(bound * 0.5);
                } else {
                    float expected = t.name().endsWith("gamma") || t.name().endsWith("runningVar") ? 1f : 0f;
                    for (float x : v) {
                        assertThat(x).as(t.name()).isEqualTo(expected);
                    }
                }
            }
            assertThat(net.weights()).extracting(NamedTensor::name).startsWith("01Conv2d_weight", "02BatchNorm_gamma");
        }
        try (TorchNetwork orth = TorchNetwork.create(arch.withInit("orthogonal"), 3, 32, 5)) {
            // The first layer's 8 filters of 9 weights have orthogonal rows of norm = gain.
            float[] w = orth.weights().get(0).values();
            double gain = org.plankton.nn.arch.OrthogonalInitializer.leakyReluGain(arch.leakySlope());
            for (int i = 0; i < 8; i++) {
                for (int j = 0; j <= i; j++) {
                    double dot = 0;
                    for (int k = 0; k < 9; k++) {
                        dot += w[i * 9 + k] * w[j * 9 + k];
                    }
                    assertThat(dot).isCloseTo(i == j ? gain * gain : 0, org.assertj.core.data.Offset.offset(1e-4));
                }
            }
        }
    }

    @Test
    void trainingModeUsesDropoutAndInferenceIsDeterministic() {
        ArchitectureConfig arch = ArchitectureConfig.tiny().withDropout(0.5f);
        float[] rows = TestData.rows(InputLayout.of(arch, 32), PreprocessConfig.defaults(), 4, 3);
        try (TorchNetwork net = TorchNetwork.create(arch, 3, 32, 5);
             org.bytedeco.javacpp.PointerScope scope = new org.bytedeco.javacpp.PointerScope()) {
            float[] a = Tensors.toFloats(net.forward(net.input(rows, 0, 4), true));
            float[] b = Tensors.toFloats(net.forward(net.input(rows, 0, 4), true));
            assertThat(a).isNotEqualTo(b);
            assertThat(net.probabilities(rows, 4)).isEqualTo(net.probabilities(rows, 4));
        }
    }

    @Test
    void misfitWeightsAreRefusedWithTheReason() throws IOException {
        assumeTrue(Files.exists(TestData.V4.resolve("weights.params")), "models/ndsb-v4 is not in this checkout");
        var v4 = DjlParamsReader.read(TestData.V4.resolve("weights.params"));
        try (TorchNetwork net = TorchNetwork.create(ArchitectureConfig.tiny(), 121, 64, 0)) {
            assertThatThrownBy(() -> net.loadWeights(v4)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("different architecture");
        }
        ArchitectureConfig v4arch = TestData.architecture(TestData.manifest(TestData.V4));
        try (TorchNetwork net = TorchNetwork.create(v4arch, 120, 64, 0)) {
            assertThatThrownBy(() -> net.loadWeights(v4)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tensor 32").hasMessageContaining("01convnet_26Linear_weight[120, 512]");
        }
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
