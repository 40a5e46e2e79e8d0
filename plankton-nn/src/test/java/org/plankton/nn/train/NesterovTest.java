package org.plankton.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The update must follow PyTorch's Nesterov formula exactly. */
class NesterovTest {

    @Test
    void matchesPyTorchFormulaOverTwoSteps() {
        try (NDManager m = NDManager.newBaseManager()) {
            MutableTracker lr = new MutableTracker(0.1f);
            Nesterov opt = new Nesterov(lr, 0.9f, 0.01f);
            NDArray w = m.create(new float[] {1f, -2f});
            NDArray grad = m.create(new float[] {0.5f, 0.25f});
            // by hand: g = grad + wd*w; v = mu*v + g; w -= lr*(g + mu*v)
            float[] ww = {1f, -2f};
            float[] v = {0f, 0f};
            for (int step = 0; step < 2; step++) {
                grad = m.create(new float[] {0.5f, 0.25f});
                opt.update("p", w, grad);
                for (int i = 0; i < 2; i++) {
                    float g = (i == 0 ? 0.5f : 0.25f) + 0.01f * ww[i];
                    v[i] = 0.9f * v[i] + g;
                    ww[i] -= 0.1f * (g + 0.9f * v[i]);
                }
            }
            float[] got = w.toFloatArray();
            assertThat(got[0]).isCloseTo(ww[0], offset(1e-6f));
            assertThat(got[1]).isCloseTo(ww[1], offset(1e-6f));
            assertThat(opt.momentumBuffers().get("p").toFloatArray()[0]).isCloseTo(v[0], offset(1e-6f));
        }
    }
}
