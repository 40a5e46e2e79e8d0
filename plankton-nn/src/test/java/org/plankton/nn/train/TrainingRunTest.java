package org.plankton.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecoder;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.testing.SyntheticPlankton;
import org.plankton.core.weights.Safetensors;
import org.plankton.nn.engine.OptimizerKind;
import org.plankton.nn.engine.Precision;
import org.plankton.nn.engine.PrecisionChoice;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.infer.Classifier;

/** Trains a tiny network on synthetic shapes: it must learn them far above chance within seconds. */
class TrainingRunTest {

    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void makeData() throws Exception {
        data = SyntheticPlankton.writeDataset(tmp.resolve("shapes"), 3, 60, 7);
        // a broken image (PNG by its first bytes, damaged after), a file that is not an image and a hidden
        // one must be reported and skipped, not stop training; only the first reaches the split and decoding
        Files.write(data.resolve("disc").resolve("broken.png"), java.util.Arrays.copyOf(new byte[] {(byte) 0x89, 'P',
                'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'}, 60));
        Files.writeString(data.resolve("disc").resolve("notes.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Files.writeString(data.resolve("disc").resolve(".DS_Store"), "debris");
    }

    static TrainConfig config(int epochs) {
        return new TrainConfig(epochs, 16, OptimizerKind.NESTEROV, 0.05f, 0.9f, 1e-4f, ScheduleKind.COSINE, 0.05, 0.25, 3L, 0, 0,
                AugmentConfig.defaults(), 1, 3L);
    }

    static TrainingRun.Request request(Path out, int epochs, boolean resume) {
        return new TrainingRun.Request(data, out, config(epochs), PreprocessConfig.defaults().withImageSize(32),
                ArchitectureConfig.tiny(), resume);
    }

    @Test
    void learnsShapesFarAboveChanceAndWritesABundle() throws Exception {
        Path out = tmp.resolve("model");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingRun.Result r = TrainingRun.run(request(out, 10, false), new PrintStream(log, true, StandardCharsets.UTF_8));
        String text = log.toString(StandardCharsets.UTF_8);

        assertThat(text).startsWith("engine: libtorch 2.10 (JavaCPP), precision " + PrecisionChoice.forThisCpu().describe()
                + System.lineSeparator());
        assertThat(text).contains("skipped 3 unusable file(s) (1 unreadable, 1 skipped as not images, 1 hidden or own "
                + "output file skipped)").contains("broken.png").contains("notes.svg").contains("calibration: temperature");
        assertThat(r.history()).hasSize(10);
        EpochStats best = r.history().get(r.bestEpoch() - 1);
        assertThat(best.valAccuracy()).as("validation accuracy on 3 shapes (chance 0.33)").isGreaterThan(0.8);
        assertThat(best.valLogLoss()).isLessThan(Math.log(3) * 0.6);
        assertThat(r.history().get(9).trainLoss()).isLessThan(r.history().get(0).trainLoss());

        ModelBundle bundle = BundleReader.read(out);
        assertThat(bundle.classes().names()).containsExactly("bar", "cross", "disc");
        assertThat(bundle.metrics()).containsKeys("log_loss", "accuracy", "top5_accuracy", "expected_calibration_error");
        @SuppressWarnings("unchecked")
        var uncalibrated = (java.util.Map<String, Object>) bundle.metrics().get("uncalibrated");
        assertThat(((Number) uncalibrated.get("log_loss")).doubleValue())
                .isCloseTo(r.bestValLogLoss(), org.assertj.core.data.Offset.offset(1e-4));
        // temperature scaling was fitted on validation: it cannot make validation log loss worse
        assertThat(((Number) bundle.metrics().get("log_loss")).doubleValue()).isLessThanOrEqualTo(r.bestValLogLoss() + 1e-6);
        assertThat(bundle.metrics()).containsKey("temperature");
        assertThat(out.resolve("calibration.json")).exists();
        assertThat(bundle.provenance()).containsKeys("data_fingerprint", "split_seed", "train_config", "git_commit",
                "engine", "precision");
        assertThat(bundle.manifest().weightsFile()).isEqualTo("weights.safetensors");
        assertThat(bundle.manifest().preprocess().std()).isNotEqualTo(1f); // normalisation was fitted

        // The inference path reproduces the validation metric and is deterministic.
        try (Classifier c = Classifier.load(out)) {
            GrayImage img = new ImageDecoder().decode(data.resolve("bar").resolve("bar_000.png"));
            c.setCalibrated(false); // the raw network; calibration is checked through the metrics above
            float[][] a = c.predict(List.of(img, img));
            float[][] again = c.predict(List.of(img, img));
            float[][] b = c.predict(List.of(img));
            // the same batch gives bit-identical output; another position in a batch or another
            // batch size may take other vectorised kernel paths, so it is equal up to float rounding
            assertThat(again[0]).containsExactly(a[0]);
            assertThat(again[1]).containsExactly(a[1]);
            assertThat(a[1]).containsExactly(a[0], org.assertj.core.data.Offset.offset(1e-5f));
            assertThat(b[0]).containsExactly(a[0], org.assertj.core.data.Offset.offset(1e-5f));

            // TTA with the identity set equals plain prediction; real views still give distributions
            c.setTestTimeAugmentation(4, AugmentConfig.none(), false);
            assertThat(c.predict(List.of(img))[0]).containsExactly(b[0], org.assertj.core.data.Offset.offset(1e-5f));
            c.setTestTimeAugmentation(8, AugmentConfig.testTime(), true);
            float[] tta = c.predict(List.of(img))[0];
            assertThat(tta).isNotEqualTo(b[0]);
            double ttaSum = 0;
            for (float p : tta) {
                ttaSum += p;
            }
            assertThat(ttaSum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));

            double sum = 0;
            for (float p : a[0]) {
                sum += p;
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void resumeContinuesFromTheLastCheckpoint() throws Exception {
        Path out = tmp.resolve("resumable");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        TrainingRun.Result first = TrainingRun.run(request(out, 2, false), quiet);
        Path ckpt = Checkpoint.directoryFor(out);
        assertThat(ckpt.resolve("state.json")).exists();
        // A crash while writing the next epoch leaves a stray weights file; resume must ignore it.
        Files.writeString(ckpt.resolve("weights-e0003.params"), "half written");

        TrainingRun.Result resumed = TrainingRun.run(request(out, 3, true), quiet);
        assertThat(resumed.history()).hasSize(3);
        assertThat(resumed.history().subList(0, 2)).isEqualTo(first.history());
        assertThat(resumed.history().get(2).epoch()).isEqualTo(3);

        // Resuming with different settings is refused with a clear message.
        TrainingRun.Request changed = new TrainingRun.Request(data, out, config(4),
                PreprocessConfig.defaults().withImageSize(40), ArchitectureConfig.tiny(), true);
        assertThatThrownBy(() -> TrainingRun.run(changed, quiet)).hasMessageContaining("cannot resume");
    }

    @Test
    void cpuBudgetStopsTrainingAndAnnealsTheScheduleToItsEnd() throws Exception {
        TrainConfig c = config(1000);
        TrainConfig budgeted = new TrainConfig(c.epochs(), c.batchSize(), c.optimizer(), c.learningRate(), c.momentum(),
                c.weightDecay(), c.schedule(), c.warmup(), c.valFraction(), c.seed(), 0, 3, c.augment(), 1, c.trainSeed());
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        TrainingRun.Result r = TrainingRun.run(new TrainingRun.Request(data, tmp.resolve("budgeted"), budgeted,
                PreprocessConfig.defaults().withImageSize(32), ArchitectureConfig.tiny(), false), quiet);
        assertThat(r.history().size()).isBetween(1, 999);
        // the schedule follows the budget, not the 1000 planned epochs: the last lr is near its floor
        assertThat(r.history().get(r.history().size() - 1).learningRate()).isLessThan(0.05 * 0.2);
    }

    @Test
    void mixupAlsoLearns() throws Exception {
        TrainConfig c = config(6);
        TrainConfig mixed = new TrainConfig(c.epochs(), c.batchSize(), c.optimizer(), c.learningRate(), c.momentum(),
                c.weightDecay(), c.schedule(), c.warmup(), c.valFraction(), c.seed(), 0, 0, c.augment(), 1,
                c.trainSeed(), 1, 0.2f);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        TrainingRun.Result r = TrainingRun.run(new TrainingRun.Request(data, tmp.resolve("mixup"), mixed,
                PreprocessConfig.defaults().withImageSize(32), ArchitectureConfig.tiny(), false), quiet);
        // Chance is 1/3; blended targets learn more slowly than plain ones in 6 short epochs.
        assertThat(r.history().get(r.bestEpoch() - 1).valAccuracy()).isGreaterThan(0.5);
    }

    @Test
    void adamWAlsoLearns() throws Exception {
        TrainConfig c = config(6);
        TrainConfig adam = new TrainConfig(c.epochs(), c.batchSize(), OptimizerKind.ADAMW, 0.003f, 0f, 0.01f, c.schedule(),
                c.warmup(), c.valFraction(), c.seed(), 0, 0, c.augment(), 1, c.trainSeed());
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        TrainingRun.Result r = TrainingRun.run(new TrainingRun.Request(data, tmp.resolve("adamw"), adam,
                PreprocessConfig.defaults().withImageSize(32), ArchitectureConfig.tiny(), false), quiet);
        assertThat(r.history().get(r.bestEpoch() - 1).valAccuracy()).isGreaterThan(0.6);
    }

    @Test
    void divergenceStopsWithAClearMessage() {
        TrainConfig c = config(3);
        TrainConfig wild = new TrainConfig(c.epochs(), c.batchSize(), c.optimizer(), 1e9f, c.momentum(),
                c.weightDecay(), ScheduleKind.CONSTANT, 0, c.valFraction(), c.seed(), 0, 0, c.augment(), 1, c.trainSeed());
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TrainingRun.run(new TrainingRun.Request(data, tmp.resolve("wild"), wild,
                PreprocessConfig.defaults().withImageSize(32), ArchitectureConfig.tiny(), false), quiet))
                .hasMessageContaining("training diverged").hasMessageContaining("Lower the learning rate")
                .hasMessageContaining("step");
    }

    @Test
    void aResumedRunEndsExactlyWhereTheUninterruptedOneEnds() throws Exception {
        // AdamW, so its moments must come back from the checkpoint too; a constant rate, so that the
        // 2-epoch first half follows the same schedule as the 3-epoch run.
        TrainConfig c = new TrainConfig(3, 16, OptimizerKind.ADAMW, 0.003f, 0f, 0.01f, ScheduleKind.CONSTANT, 0, 0.25, 3L, 0, 0,
                AugmentConfig.defaults(), 1, 3L);
        TrainConfig twoEpochs = new TrainConfig(2, 16, OptimizerKind.ADAMW, 0.003f, 0f, 0.01f, ScheduleKind.CONSTANT, 0, 0.25, 3L, 0, 0,
                AugmentConfig.defaults(), 1, 3L);
        ArchitectureConfig arch = ArchitectureConfig.tiny(); // with dropout: the random generator must resume too
        PreprocessConfig pre = PreprocessConfig.defaults().withImageSize(32);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        TrainingRun.Result straight = TrainingRun.run(new TrainingRun.Request(data, tmp.resolve("straight"), c, pre,
                arch, false), quiet);
        Path out = tmp.resolve("interrupted");
        TrainingRun.run(new TrainingRun.Request(data, out, twoEpochs, pre, arch, false), quiet);
        TrainingRun.Result resumed = TrainingRun.run(new TrainingRun.Request(data, out, c, pre, arch, true), quiet);
        assertThat(resumed.history().get(2).trainLoss()).isEqualTo(straight.history().get(2).trainLoss());
        var a = Safetensors.read(Checkpoint.directoryFor(tmp.resolve("straight")).resolve("weights-e0003.safetensors"));
        var b = Safetensors.read(Checkpoint.directoryFor(out).resolve("weights-e0003.safetensors"));
        assertThat(b.tensors()).containsExactlyElementsOf(a.tensors());

        // Another precision, or a checkpoint of the DJL engine, is refused with a clear message.
        Precision other = PrecisionChoice.forThisCpu().precision() == Precision.BF16 ? Precision.FP32 : Precision.BF16;
        assertThatThrownBy(() -> TrainingRun.run(new TrainingRun.Request(data, out, c, pre, arch, true)
                .withPrecision(PrecisionChoice.requested(other)), quiet))
                .hasMessageContaining("cannot resume").hasMessageContaining("precision");
        Path old = tmp.resolve("djl-era");
        Files.createDirectories(Checkpoint.directoryFor(old));
        Files.writeString(Checkpoint.directoryFor(old).resolve("state.json"), "{\"formatVersion\" : 1, \"epochsDone\" : 2}");
        assertThatThrownBy(() -> TrainingRun.run(new TrainingRun.Request(data, old, c, pre, arch, true), quiet))
                .hasMessageContaining("old DJL engine").hasMessageContaining("without --resume");
    }

    @Test
    void resumeWithoutCheckpointSaysSo() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TrainingRun.run(request(tmp.resolve("never-trained"), 1, true), quiet))
                .hasMessageContaining("nothing to resume");
    }
}
