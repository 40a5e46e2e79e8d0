package org.plankton.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightFilesTest {

    @Test
    void readsSafetensorsByNameOrByContentAndRefusesOtherFiles(@TempDir Path tmp) throws Exception {
        List<NamedTensor> tensors = List.of(new NamedTensor("01Conv2d_weight", new long[] {2, 1}, new float[] {1f, -2f}));
        Path named = tmp.resolve(WeightFiles.SAFETENSORS_NAME);
        Safetensors.write(named, tensors, Map.of());
        assertThat(WeightFiles.read(named)).containsExactlyElementsOf(tensors);
        Path unnamed = tmp.resolve("weights.bin");
        Files.copy(named, unnamed);
        assertThat(WeightFiles.read(unnamed)).containsExactlyElementsOf(tensors);
        Path text = tmp.resolve("weights.params");
        Files.writeString(text, "not weights at all");
        assertThatThrownBy(() -> WeightFiles.read(text)).hasMessageContaining(text.toString());
    }

    @Test
    void readsTheBundledModelsDjlParameters() throws Exception {
        Path v4 = Path.of("..", "models", "ndsb-v4", "weights.params");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(v4), "models/ndsb-v4 is not in this checkout");
        assertThat(WeightFiles.read(v4)).isEqualTo(DjlParamsReader.read(v4));
    }
}
