package org.plankton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plankton.nn.arch.ArchitectureConfig;
import picocli.CommandLine;

/** {@code train}'s network options: a preset, then only the options given change it. */
class TrainArchitectureOptionsTest {

    private static ArchitectureConfig parse(String... args) {
        TrainCommand cmd = new TrainCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.architecture();
    }

    @Test
    void theResnetPresetStaysResidualWithoutTheFlag() {
        ArchitectureConfig a = parse("--data", "d", "--out", "o", "--arch", "resnet", "--size-features", "--dropout", "0");
        assertThat(a.type()).isEqualTo("resnet");
        assertThat(a.stages()).isEqualTo(List.of(List.of(32, 32), List.of(64, 64), List.of(128, 128), List.of(256, 256)));
        assertThat(a.sizeFeatures()).isTrue();
        assertThat(a.dropout()).isZero();
    }

    @Test
    void presetsAndFlags() {
        assertThat(parse("--data", "d", "--out", "o").type()).isEqualTo("vgg");
        assertThat(parse("--data", "d", "--out", "o", "--residual").type()).isEqualTo("resnet");
        ArchitectureConfig wide = parse("--data", "d", "--out", "o", "--arch", "wide");
        assertThat(wide.type()).isEqualTo("vgg");
        assertThat(wide.stages().get(3)).containsExactly(256, 256, 256);
        assertThat(parse("--data", "d", "--out", "o", "--arch", "wide", "--residual").type()).isEqualTo("resnet");
        ArchitectureConfig deep = parse("--data", "d", "--out", "o", "--arch", "deep");
        assertThat(deep.type()).isEqualTo("vgg");
        assertThat(deep.stages()).isEqualTo(parse("--data", "d", "--out", "o", "--arch", "resnet").stages());
        assertThatThrownBy(() -> parse("--data", "d", "--out", "o", "--arch", "huge"))
                .hasMessageContaining("default, tiny, deep, wide, resnet");
    }
}
