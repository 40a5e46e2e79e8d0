package org.plankton.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.loss.Loss;
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

class StepGuardTest {

    @TempDir
    Path tmp;

    /** A 1-unit linear layer whose loss sum(w . x) has gradient x per row: known norms. */
    private static double normAfterClipping(float[] x, float maxNorm) {
        try (Model model = Model.newInstance("clip")) {
            Linear linear = Linear.builder().setUnits(1).optBias(false).build();
            linear.setInitializer(new ConstantInitializer(1f), Parameter.Type.WEIGHT);
            model.setBlock(linear);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l1Loss()))) {
                trainer.initialize(new Shape(1, x.length));
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray out = trainer.forward(new NDList(trainer.getManager().create(x, new Shape(1, x.length))))
                            .singletonOrThrow();
                    gc.backward(out.sum());
                }
                double before = GradientClipping.clip(trainer, maxNorm);
                assertThat(before).isCloseTo(Math.sqrt(dot(x, x)), org.assertj.core.data.Offset.offset(1e-3));
                return GradientClipping.clip(trainer, 0);
            }
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void clippingScalesTheGlobalNormDownToTheLimitAndLeavesSmallGradientsAlone() {
        float[] x = {30f, 40f}; // norm 50
        assertThat(normAfterClipping(x, 10f)).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(normAfterClipping(x, 100f)).isCloseTo(50.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(normAfterClipping(x, 0f)).isCloseTo(50.0, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void aDivergingRunStopsAtTheStepWithTheLayerThatExploded() throws Exception {
        Path data = SyntheticPlankton.writeDataset(tmp.resolve("shapes"), 3, 20, 5);
        // lr 50 without clipping blows any network up within a few steps, on any CPU.
        TrainConfig config = new TrainConfig(5, 8, "nesterov", 50f, 0.9f, 0f, "constant", 0, 0.25, 3L, 0, 0,
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
                .satisfies(e -> assertThat(((TrainingDiverged) e).step()).isBetween(1L, 40L));
    }

    @Test
    void theSameRunWithClippingDoesNotDivergeAtARateThatKillsItWithout() throws Exception {
        Path data = SyntheticPlankton.writeDataset(tmp.resolve("shapes"), 3, 20, 5);
        TrainConfig config = new TrainConfig(3, 8, "nesterov", 0.5f, 0.9f, 0f, "constant", 0, 0.25, 3L, 0, 0,
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
