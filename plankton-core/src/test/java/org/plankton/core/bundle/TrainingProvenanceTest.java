package org.plankton.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TrainingProvenanceTest {

    @ParameterizedTest
    @ValueSource(strings = {"ndsb-v4", "ndsb-v6"})
    void shippedBundlesRoundTrip(String name) throws Exception {
        Path file = Path.of("..", "models", name, ModelBundle.PROVENANCE_FILE);
        assertThat(file).exists();
        Map<String, Object> map = BundleJson.readMap(file);
        TrainingProvenance p = TrainingProvenance.fromMap(map);

        assertThat(TrainingProvenance.fromMap(p.toMap())).isEqualTo(p);
        assertThat(p.toMap().keySet()).containsExactlyInAnyOrderElementsOf(map.keySet());
        // same JSON values, key by key (numbers as the file has them)
        JsonNode was = BundleJson.MAPPER.readTree(Files.readString(file));
        JsonNode is = BundleJson.MAPPER.readTree(BundleJson.write(p.toMap()));
        assertThat(is).isEqualTo(was);

        assertThat(p.split().recorded()).isTrue();
        assertThat(p.split().splitSeed()).isEqualTo(42L);
        assertThat(p.split().validationFraction()).isEqualTo(0.1);
        assertThat(p.split().minImagesPerClassOrOne()).isEqualTo(1);
        assertThat(p.split().dataFingerprint()).isEqualTo(map.get("data_fingerprint"));
        assertThat(p.platform().gitCommit()).isEqualTo(map.get("git_commit"));
        // v4 was a cosine warm restart, v6 one one-cycle run from scratch
        assertThat(p.run().trainConfig()).containsEntry("optimizer", "nesterov")
                .containsEntry("schedule", name.equals("ndsb-v4") ? "cosine" : "onecycle");
        // v4 was trained on DJL (its version is a key TrainingProvenance does not model), v6 on libtorch
        if (name.equals("ndsb-v4")) {
            assertThat(p.other()).containsOnlyKeys("djl_version");
        } else {
            assertThat(p.other()).doesNotContainKey("djl_version");
        }
    }

    @Test
    void newBundlesKeepKeyOrderByteForByte() throws Exception {
        // the order BundleOutput has always written
        Map<String, Object> m = new LinkedHashMap<>(Provenance.base());
        m.put("data", "/d");
        m.put("data_fingerprint", "f");
        m.put("split_seed", 7L);
        m.put("train_seed", 8L);
        m.put("validation_fraction", 0.25);
        m.put("min_images_per_class", 2);
        m.put("train_images", 30);
        m.put("validation_images", 10);
        m.put("skipped_files", 1);
        m.put("train_config", Map.of("optimizer", "adamw"));
        m.put("init", Map.of("model", "/m"));
        m.put("pseudo_labels", Map.of("share", 0.5));
        m.put("engine", "libtorch");
        m.put("precision", "bf16");
        m.put("epoch", 3);
        m.put("training_seconds", 12L);
        m.put("wall_seconds_this_session", 13L);
        TrainingProvenance p = TrainingProvenance.fromMap(m);
        assertThat(p.other()).isEmpty();
        assertThat(BundleJson.write(p.toMap())).isEqualTo(BundleJson.write(m));
        assertThat(TrainingProvenance.Platform.current().gitCommit()).isNotNull();
    }

    @Test
    void unknownKeysAndUnexpectedTypesArePreserved() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", 42);
        m.put("split_seed", "not a number");
        m.put("validation_fraction", 0.1);
        m.put("extra", List.of(1, 2));
        TrainingProvenance p = TrainingProvenance.fromMap(m);
        assertThat(p.split().splitSeed()).isNull();
        assertThat(p.split().recorded()).isFalse();
        assertThat(p.other()).containsOnlyKeys("seed", "split_seed", "extra");
        assertThat(p.toMap()).isEqualTo(m);
        assertThat(TrainingProvenance.fromMap(Map.of()).toMap()).isEmpty();
    }
}
