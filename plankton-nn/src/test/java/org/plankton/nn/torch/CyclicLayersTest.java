package org.plankton.nn.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class CyclicLayersTest {

    @Test
    void rollConcatenatesTheOtherCopiesAlignedToEachCopysFrame() {
        TorchRuntime.ensureLoaded();
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(3);
            // Copies that are exact rotations of one feature map G: copy k = rot^k(G).
            Tensor g = torch.randn(2, 3, 5, 5); // N = 2 images, C = 3 channels
            Tensor sliced = CyclicLayers.slice().forward(g, false);
            assertThat(Tensors.shape(sliced)).containsExactly(8, 3, 5, 5);
            Tensor rolled = CyclicLayers.roll().forward(sliced, false);
            assertThat(Tensors.shape(rolled)).containsExactly(8, 12, 5, 5);
            for (int i = 0; i < 4; i++) {
                float[] copyI = Tensors.toFloats(sliced.narrow(0, i * 2L, 2));
                for (int j = 0; j < 4; j++) {
                    Tensor block = rolled.narrow(0, i * 2L, 2).narrow(1, j * 3L, 3);
                    // Every block, once aligned, is copy i itself.
                    assertThat(Tensors.toFloats(block)).containsExactly(copyI);
                }
            }
        }
    }

    @Test
    void rmsPoolingIsTheRootMeanSquareOverCopies() {
        TorchRuntime.ensureLoaded();
        try (PointerScope scope = new PointerScope()) {
            Tensor x = Tensors.floats(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 0, 4, 2); // N = 1, F = 2
            float[] pooled = Tensors.toFloats(CyclicLayers.rmsPool().forward(x, false));
            assertThat(pooled[0]).isCloseTo((float) Math.sqrt((1 + 9 + 25 + 49) / 4.0), within(1e-4f));
            assertThat(pooled[1]).isCloseTo((float) Math.sqrt((4 + 16 + 36 + 64) / 4.0), within(1e-4f));
        }
    }
}
