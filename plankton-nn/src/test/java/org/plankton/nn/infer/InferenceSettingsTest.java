package org.plankton.nn.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.plankton.nn.engine.InferenceEngines;
import org.plankton.nn.engine.Precision;

/** The one settings record: its defaults are classify's, bad values fail in one clear line, and it travels. */
class InferenceSettingsTest {

    @Test
    void defaultsAreWhatClassifyDoesWithoutOptions() {
        InferenceSettings d = InferenceSettings.defaults();
        assertThat(d).isEqualTo(new InferenceSettings(1, false, true, Precision.FP32, null, 1));
        assertThat(d.withTta(3, true).withCalibrated(false).withPrecision(Precision.BF16).withEngine("torch")
                .withLoaderThreads(0)).isEqualTo(new InferenceSettings(3, true, false, Precision.BF16, "torch", 0));
        assertThat(d.withTta(5)).extracting(InferenceSettings::ttaViews, InferenceSettings::geometricMean)
                .containsExactly(5, false);
    }

    @Test
    void rejectsBadValuesWithTheValueInTheMessage() {
        InferenceSettings d = InferenceSettings.defaults();
        assertThatThrownBy(() -> d.withTta(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TTA views must be in [1, 1000], got 0");
        assertThatThrownBy(() -> d.withTta(1001)).hasMessageContaining("got 1001");
        assertThatThrownBy(() -> d.withEngine(" onnx")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got ' onnx'");
        assertThatThrownBy(() -> d.withEngine("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withLoaderThreads(2)).hasMessage("loader threads must be 0 or 1, got 2");
        assertThatThrownBy(() -> d.withPrecision(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("precision");
    }

    @Test
    void resolvesItsEngine() {
        // plankton-nn alone has no onnx engine: the default is libtorch, and bf16 goes to libtorch too
        assertThat(InferenceSettings.defaults().inferenceEngine().id()).isEqualTo(InferenceEngines.TORCH);
        assertThat(InferenceSettings.defaults().withPrecision(Precision.BF16).inferenceEngine().id())
                .isEqualTo(InferenceEngines.TORCH);
        assertThatThrownBy(() -> InferenceSettings.defaults().withEngine("tensorflow").inferenceEngine())
                .hasMessageContaining("no inference engine 'tensorflow'");
    }

    @Test
    void survivesJavaSerialisationAsSparkSendsIt() throws Exception {
        InferenceSettings s = new InferenceSettings(3, true, false, Precision.FP32, "onnx", 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(s);
        }
    }
}
