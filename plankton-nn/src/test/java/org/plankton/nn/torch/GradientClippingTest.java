package org.plankton.nn.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.junit.jupiter.api.Test;
import org.plankton.nn.engine.StepGuard;

class GradientClippingTest {

    /** The loss sum(w * x) has gradient x: a known global norm (here two tensors, |(30, 40)| = 50). */
    private static double normAfterClipping(float maxNorm) {
        TorchRuntime.ensureLoaded();
        try (PointerScope scope = new PointerScope()) {
            Tensor a = Tensors.floats(new float[] {1f}, 0, 1).set_requires_grad(true);
            Tensor b = Tensors.floats(new float[] {1f}, 0, 1).set_requires_grad(true);
            a.mul(Tensors.floats(new float[] {30f}, 0, 1)).add(b.mul(Tensors.floats(new float[] {40f}, 0, 1))).sum().backward();
            TensorVector params = new TensorVector(a, b);
            double before = TorchTrainer.clipGradients(params, new StepGuard(maxNorm, 0));
            assertThat(before).isCloseTo(50.0, within(1e-3));
            return TorchTrainer.clipGradients(params, new StepGuard(0f, 0));
        }
    }

    @Test
    void clippingScalesTheGlobalNormDownToTheLimitAndLeavesSmallGradientsAlone() {
        assertThat(normAfterClipping(10f)).isCloseTo(10.0, within(1e-3));
        assertThat(normAfterClipping(100f)).isCloseTo(50.0, within(1e-3));
        assertThat(normAfterClipping(0f)).isCloseTo(50.0, within(1e-3));
    }
}
