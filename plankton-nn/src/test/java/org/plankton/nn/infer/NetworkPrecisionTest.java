package org.plankton.nn.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plankton.nn.arch.ArchitectureConfig;

/** float16 inference: close to float32, not identical, and the output stays float32 probabilities. */
class NetworkPrecisionTest {

    @Test
    void float16PredictsCloseToFloat32() {
        for (ArchitectureConfig arch : new ArchitectureConfig[] {ArchitectureConfig.tiny(),
                ArchitectureConfig.tiny().withSizeFeatures(true)}) {
            try (Network net = Network.create(arch, 5, 32)) {
                int n = 8;
                float[] input = new float[n * net.layout().length()];
                Random rnd = new Random(5);
                for (int k = 0; k < input.length; k++) {
                    input[k] = (float) rnd.nextGaussian();
                }
                float[][] full = net.probabilities(input, n);
                net.setComputeType(DataType.FLOAT16);
                assertThat(net.computeType()).isEqualTo(DataType.FLOAT16);
                float[][] half = net.probabilities(input, n);
                double maxDiff = 0;
                boolean anyDiff = false;
                for (int i = 0; i < n; i++) {
                    double sum = 0;
                    for (int c = 0; c < 5; c++) {
                        maxDiff = Math.max(maxDiff, Math.abs(full[i][c] - half[i][c]));
                        anyDiff |= full[i][c] != half[i][c];
                        sum += half[i][c];
                    }
                    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
                }
                assertThat(anyDiff).as("really computed in fp16").isTrue();
                assertThat(maxDiff).as(arch.toString()).isLessThan(0.05);
                net.setComputeType(DataType.FLOAT32);
                assertThat(net.probabilities(input, n)).as("back to float32 exactly").isDeepEqualTo(full);
            }
        }
    }

    @Test
    void onlyFloat32AndFloat16() {
        try (Network net = Network.create(ArchitectureConfig.tiny(), 3, 16)) {
            assertThatThrownBy(() -> net.setComputeType(DataType.BFLOAT16)).hasMessageContaining("crashes");
            assertThatThrownBy(() -> net.setComputeType(DataType.INT8)).hasMessageContaining("float16");
        }
    }
}
