package org.plankton.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.testing.SyntheticPlankton;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.engine.OptimizerKind;
import org.plankton.nn.engine.StepGuard;
import org.plankton.nn.engine.TrainingDiverged;

class StepGuardTest {

    @TempDir
    Path tmp;

    @Test
    void aNonFiniteLossOrNormStopsAtThatStepAndClippingIsCounted() {
        StepGuard guard = new StepGuard(10f, 41);
        guard.check(2.5f, 3.0, 0.01, () -> "unused");
        guard.check(2.4f, 30.0, 0.01, () -> "unused");
        assertThat(guard.steps()).isEqualTo(43);
        assertThat(guard.clippedSteps()).isEqualTo(1);
        assertThat(guard.lastGradientNorm()).isEqualTo(30.0);
        assertThatThrownBy(() -> guard.check(Float.NaN, 3.0, 0.01, () -> "first non-finite weights: w"))
                .isInstanceOf(TrainingDiverged.class)
                .hasMessageStartingWith("training diverged at step 44 (loss NaN")
                .hasMessageContaining("first non-finite weights: w")
                .hasMessageContaining("--lr").hasMessageContaining("--clip-grad-norm")
                .satisfies(e -> assertThat(((TrainingDiverged) e).step()).isEqualTo(44));
        assertThatThrownBy(() -> guard.check(1f, Double.POSITIVE_INFINITY, 0.01, () -> "x"))
                .isInstanceOf(TrainingDiverged.class).hasMessageContaining("at step 45");
        assertThat(new StepGuard(0f, 0).clips(1e9)).as("0: no clipping").isFalse();
    }

    @Test
    void aDivergingRunStopsAtTheStepWithTheLayerThatExploded() throws Exception {
        Path data = SyntheticPlankton.writeDataset(tmp.resolve("shapes"), 3, 20, 5);
        // lr 50 without clipping blows any network up within a few steps, on any CPU.
        TrainConfig config = new TrainConfig(5, 8, OptimizerKind.NESTEROV, 50f, 0.9f, 0f, ScheduleKind.CONSTANT, 0, 0.25, 3L, 0, 0,
                AugmentConfig.none(), 0, 3L).withGradClipNorm(0);
        ArchitectureConfig arch = new ArchitectureConfig("vgg", List.of(List.of(4), List.of(8)), 16, 0.1f, 0f, true);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertThatThrownBy(() -> TrainingRun.run(new TrainingRun.Request(data, tmp.resolve("m"), config,
                PreprocessConfig.defaults().withImageSize(24), arch, false),
                new PrintStream(log, true, StandardCharsets.UTF_8)))
                .isInstanceOf(TrainingDiverged.class)
                .hasMessageContaining("training diverged")
                .hasMessageMatching("(?s).*(at|by) step \\d+.*")
                .hasMessageContaining("--lr")
                .hasMessageContaining("activations exploded at layer")
                .satisfies(e -> assertThat(((TrainingDiverged) e).step()).isBetween(1L, 40L));
    }

    @Test
    void theSameRunWithClippingDoesNotDivergeAtARateThatKillsItWithout() throws Exception {
        Path data = SyntheticPlankton.writeDataset(tmp.resolve("shapes"), 3, 20, 5);
        TrainConfig config = new TrainConfig(3, 8, OptimizerKind.NESTEROV, 0.5f, 0.9f, 0f, ScheduleKind.CONSTANT, 0, 0.25, 3L, 0, 0,
                AugmentConfig.none(), 0, 3L);
        ArchitectureConfig arch = new ArchitectureConfig("vgg", List.of(List.of(4), List.of(8)), 16, 0.1f, 0f, true);
        PreprocessConfig pre = PreprocessConfig.defaults().withImageSize(24);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TrainingRun.run(new TrainingRun.Request(data, tmp.resolve("off"),
                config.withGradClipNorm(0), pre, arch, false), quiet)).isInstanceOf(TrainingDiverged.class);
        TrainingRun.Result clipped = TrainingRun.run(new TrainingRun.Request(data, tmp.resolve("on"),
                config.withGradClipNorm(1f), pre, arch, false), quiet);
        assertThat(clipped.history()).allSatisfy(e -> assertThat(e.trainLoss()).isFinite());
    }
}
