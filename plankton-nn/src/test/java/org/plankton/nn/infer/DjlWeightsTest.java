package org.plankton.nn.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.weights.DjlParamsReader;
import org.plankton.core.weights.NamedTensor;
import org.plankton.core.weights.Safetensors;
import org.plankton.nn.arch.ArchitectureConfig;

class DjlWeightsTest {

    static final Path V4 = Path.of("..", "models", "ndsb-v4");

    @Test
    @SuppressWarnings("unchecked")
    void theDefaultModelsWeightsAreWhatTheParamsReaderReads() throws IOException {
        assumeTrue(Files.exists(V4.resolve("weights.params")), "models/ndsb-v4 is not in this checkout");
        Map<String, Object> manifest = new ObjectMapper().readValue(V4.resolve("manifest.json").toFile(), Map.class);
        ArchitectureConfig arch = ArchitectureConfig.fromMap((Map<String, Object>) manifest.get("architecture"));
        List<NamedTensor> read = DjlParamsReader.read(V4.resolve("weights.params"));
        try (Network net = Network.load(arch, 121, 64, V4.resolve("weights.params"))) {
            List<NamedTensor> mine = DjlWeights.of(net);
            assertThat(mine).hasSameSizeAs(read);
            for (int i = 0; i < mine.size(); i++) {
                assertThat(mine.get(i).name()).endsWith("_" + read.get(i).name());
                assertThat(mine.get(i).withName(read.get(i).name())).isEqualTo(read.get(i));
            }
            assertThat(mine.get(0).name()).isEqualTo("01convnet_01Conv2d_weight");
        }
    }

    @Test
    void weightsRoundTripThroughSafetensors(@TempDir Path dir) throws IOException {
        ArchitectureConfig arch = ArchitectureConfig.tiny().withSizeFeatures(true);
        float[] rows = new float[3 * (32 * 32 + 11)];
        Random r = new Random(1);
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) r.nextGaussian();
        }
        try (Network a = Network.create(arch, 4, 32); Network b = Network.create(arch, 4, 32)) {
            Safetensors.write(dir.resolve("w.safetensors"), DjlWeights.of(a), Map.of());
            DjlWeights.load(b, Safetensors.read(dir.resolve("w.safetensors")).tensors());
            assertThat(b.probabilities(rows, 3)).isEqualTo(a.probabilities(rows, 3));
            List<NamedTensor> wrong = DjlWeights.of(a).subList(1, DjlWeights.of(a).size());
            assertThatThrownBy(() -> DjlWeights.load(b, wrong)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("different architecture");
        }
    }
}
