package org.plankton.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.plankton.nn.engine.OptimizerKind;

/** The optimiser and schedule enums keep the lowercase words of the command line and of old bundles. */
class TrainConfigWordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void wordsRoundTrip() {
        for (OptimizerKind k : OptimizerKind.values()) {
            assertThat(OptimizerKind.parse(k.id())).isSameAs(k);
            assertThat(k.toString()).isEqualTo(k.id()).isEqualTo(k.name().toLowerCase());
        }
        for (ScheduleKind k : ScheduleKind.values()) {
            assertThat(ScheduleKind.parse(k.id())).isSameAs(k);
            assertThat(k.toString()).isEqualTo(k.id()).isEqualTo(k.name().toLowerCase());
        }
        assertThatThrownBy(() -> OptimizerKind.parse("sgd"))
                .hasMessage("unknown optimizer 'sgd' (known: nesterov, adamw)");
        assertThatThrownBy(() -> ScheduleKind.parse("exp"))
                .hasMessage("unknown schedule 'exp' (known: cosine, step, onecycle, constant)");
    }

    @Test
    void configJsonKeepsTheLowercaseWords() throws Exception {
        TrainConfig adam = new TrainConfig(3, 16, OptimizerKind.ADAMW, 0.003f, 0f, 0.01f, ScheduleKind.ONECYCLE, 0,
                0.25, 3L, 0, 0, TrainConfig.defaults().augment(), 1, 3L);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.convertValue(adam, Map.class);
        assertThat(m).containsEntry("optimizer", "adamw").containsEntry("schedule", "onecycle");
        String text = JSON.writeValueAsString(TrainConfig.defaults());
        assertThat(text).contains("\"optimizer\":\"nesterov\"").contains("\"schedule\":\"cosine\"");
        assertThat(JSON.readValue("\"step\"", ScheduleKind.class)).isSameAs(ScheduleKind.STEP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ndsb-v4", "ndsb-v6"})
    void shippedBundlesWordsParse(String name) throws Exception {
        Map<?, ?> config = (Map<?, ?>) JSON.readValue(Path.of("..", "models", name, "provenance.json").toFile(),
                Map.class).get("train_config");
        assertThat(OptimizerKind.parse((String) config.get("optimizer"))).isSameAs(OptimizerKind.NESTEROV);
        assertThat(ScheduleKind.parse((String) config.get("schedule")))
                .isSameAs(name.equals("ndsb-v4") ? ScheduleKind.COSINE : ScheduleKind.ONECYCLE);
    }
}
