package org.plankton.nn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** plankton-nn's own class path has no plankton-onnx: that is the "module absent" case of the CLI. */
class InferenceEnginesTest {

    @Test
    void torchIsAlwaysThereAndSupportsBothPrecisions() {
        InferenceEngine torch = InferenceEngines.named("torch");
        assertThat(torch).isSameAs(InferenceEngines.torch());
        assertThat(torch.supports(Precision.BF16)).isTrue();
        assertThat(torch.supports(Precision.FP32)).isTrue();
    }

    @Test
    void onnxWithoutItsModuleIsOneClearLine() {
        assertThatThrownBy(() -> InferenceEngines.named("onnx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no inference engine 'onnx' on this class path (available: torch; "
                        + "the onnx engine comes with module plankton-onnx)");
    }
}
