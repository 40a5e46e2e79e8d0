package org.plankton.nn.train;

import org.plankton.nn.engine.Batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.testing.SyntheticPlankton;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.engine.OptimizerKind;

/** Pseudo-labelling: the epoch mix honours the share; a student trains on a teacher's soft targets. */
class DistillationTest {

    @TempDir
    static Path tmp;
    static Path data;
    static Path teacher;

    static TrainConfig config(int epochs) {
        return new TrainConfig(epochs, 16, OptimizerKind.NESTEROV, 0.05f, 0.9f, 1e-4f, ScheduleKind.COSINE, 0.05, 0.25, 9L, 0, 0,
                AugmentConfig.defaults(), 1, 9L);
    }

    static TrainingRun.Request request(Path out, Distillation d) {
        return new TrainingRun.Request(data, out, config(3), PreprocessConfig.defaults().withImageSize(32),
                ArchitectureConfig.tiny(), false, null, 0, d);
    }

    @BeforeAll
    static void trainTeacher() throws Exception {
        data = SyntheticPlankton.writeDataset(tmp.resolve("labelled"), 3, 30, 31);
        teacher = tmp.resolve("teacher");
        TrainingRun.run(new TrainingRun.Request(data, teacher, config(4), PreprocessConfig.defaults().withImageSize(32),
                ArchitectureConfig.tiny(), false), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    static java.util.List<org.plankton.core.image.GrayImage> decodeAll(Path dir) throws Exception {
        java.util.List<org.plankton.core.image.GrayImage> images = new java.util.ArrayList<>();
        org.plankton.core.image.ImageDecoder decoder = new org.plankton.core.image.ImageDecoder();
        for (Path f : org.plankton.core.data.ImageFiles.list(java.util.List.of(dir)).images()) {
            images.add(decoder.decode(f));
        }
        return images;
    }

    @Test
    void epochMixHonoursTheShareAndUsesEveryUnlabelledImageEvenly() {
        int labelled = 30;
        int unlabelled = 100;
        double share = 0.67;
        int perEpoch = Distillation.unlabeledPerEpoch(labelled, share);
        assertThat(perEpoch).isEqualTo(61);
        int[] uses = new int[unlabelled];
        for (int epoch = 0; epoch < 10; epoch++) {
            int[] order = Distillation.epochOrder(labelled, unlabelled, share, 5, epoch);
            assertThat(order).hasSize(labelled + perEpoch);
            long fromUnlabelled = Arrays.stream(order).filter(i -> i >= labelled).count();
            assertThat((double) fromUnlabelled / order.length).isCloseTo(share, org.assertj.core.data.Offset.offset(0.01));
            assertThat(Arrays.stream(order).filter(i -> i < labelled).sorted().toArray())
                    .as("every labelled image once").isEqualTo(java.util.stream.IntStream.range(0, labelled).toArray());
            Arrays.stream(order).filter(i -> i >= labelled).forEach(i -> uses[i - labelled]++);
            assertThat(Distillation.epochOrder(labelled, unlabelled, share, 5, epoch)).as("deterministic").isEqualTo(order);
        }
        assertThat(Arrays.stream(uses).min().orElseThrow()).isGreaterThanOrEqualTo(6);
        assertThat(Arrays.stream(uses).max().orElseThrow()).isLessThanOrEqualTo(7);
    }

    @Test
    void studentLearnsFromTheTeachersSoftTargets() throws Exception {
        Path unlabelled = SyntheticPlankton.writeDataset(tmp.resolve("unlabelled"), 3, 20, 32);
        Path out = tmp.resolve("student");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingRun.Result r = TrainingRun.run(request(out, new Distillation(unlabelled, teacher, 0.67, 2)),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("pseudo-labels: 60 unlabelled images");
        assertThat(r.bestValLogLoss()).as("better than chance").isLessThan(Math.log(3));
        Map<String, Object> p = BundleReader.read(out).trainingProvenance().run().pseudoLabels();
        assertThat(p).containsEntry("share", 0.67).containsEntry("teacher_views", 2).containsEntry("unlabeled_images", 60);
    }

    /**
     * A labelling cut short goes on where its last save left it: the rows before are not labelled again, and the
     * rest are what an uninterrupted labelling gives.
     */
    @Test
    void anInterruptedLabellingGoesOnFromItsLastSave() throws Exception {
        Path dir = SyntheticPlankton.writeDataset(tmp.resolve("many"), 3, 100, 36);
        java.util.List<org.plankton.core.image.GrayImage> images = decodeAll(dir);
        int n = images.size();
        var classes = BundleReader.read(teacher).classes();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Distillation d = new Distillation(dir, teacher, 0.5, 1);
        float[][] whole = d.teacherTargets(images, classes, quiet);

        java.util.List<Integer> saves = new java.util.ArrayList<>();
        assertThatThrownBy(() -> d.teacherTargets(images, classes, quiet, new float[n][], 0, (t, done) -> {
            saves.add(done);
            for (int i = 0; i < done; i++) {
                assertThat(t[i]).containsExactly(whole[i], org.assertj.core.data.Offset.offset(1e-6f));
            }
            throw new java.io.IOException("the session ended");
        }, 0)).hasMessageContaining("the session ended");
        assertThat(saves).as("a save after the first chunk of 256 (every chunk when saving every 0 ns)").containsExactly(256);

        float[][] resumed = new float[n][];
        float[] marker = {-1f, -1f, -1f};
        for (int i = 0; i < 256; i++) {
            resumed[i] = marker;
        }
        java.util.List<Integer> later = new java.util.ArrayList<>();
        float[][] r = d.teacherTargets(images, classes, quiet, resumed, 256, (t, done) -> later.add(done), 0);
        assertThat(later).as("no save once the last chunk is labelled: the caller writes the whole").isEmpty();
        for (int i = 0; i < n; i++) {
            if (i < 256) {
                assertThat(r[i]).as("row %d, labelled before", i).isSameAs(marker);
            } else {
                assertThat(r[i]).as("row %d", i).containsExactly(whole[i], org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
        assertThatThrownBy(() -> d.teacherTargets(images, classes, quiet, new float[n - 1][], 0, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A run restarted while its teacher was labelling keeps the rows its last save holds and labels the rest. */
    @Test
    void aRunRestartedDuringLabellingKeepsTheRowsAlreadyLabelled() throws Exception {
        Path pool = SyntheticPlankton.writeDataset(tmp.resolve("pool"), 3, 10, 37);
        Path cacheDir = tmp.resolve("restarted.checkpoint");
        Distillation d = new Distillation(pool, teacher, 0.5, 1);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        float[][] whole = TrainingData.prepare(data, config(1), d, DataLoading.MEMORY, cacheDir, quiet).pseudo().targets();
        Path file;
        try (var s = Files.list(cacheDir)) {
            file = s.filter(f -> f.getFileName().toString().endsWith(".bin")).findFirst().orElseThrow();
        }
        Files.delete(file);
        float[][] rows = new float[whole.length][];
        float[] marker = {-1f, -1f, -1f};
        for (int i = 0; i < 4; i++) {
            rows[i] = marker;
        }
        TeacherTargetCache.at(file).writePartial(rows, 4);

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        float[][] t = TrainingData.prepare(data, config(1), d, DataLoading.MEMORY, cacheDir,
                new PrintStream(log, true, StandardCharsets.UTF_8)).pseudo().targets();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("4 of " + whole.length + " images labelled by an earlier start");
        for (int i = 0; i < t.length; i++) {
            if (i < 4) {
                assertThat(t[i]).as("row %d, from the save", i).containsExactly(marker);
            } else {
                assertThat(t[i]).as("row %d", i).containsExactly(whole[i], org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
        assertThat(file).as("the whole labelling, written").exists();
        assertThat(TeacherTargetCache.at(file).partialFile()).as("the save, dropped").doesNotExist();
    }

    @Test
    void geometricTeacherTargetsAreTheGeometricTtaPredictions() throws Exception {
        Path dir = SyntheticPlankton.writeDataset(tmp.resolve("geo"), 3, 3, 35);
        java.util.List<org.plankton.core.image.GrayImage> images = decodeAll(dir);
        var classes = BundleReader.read(teacher).classes();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        float[][] geometric = new Distillation(dir, teacher, 0.5, 4, true).teacherTargets(images, classes, quiet);
        float[][] arithmetic = new Distillation(dir, teacher, 0.5, 4).teacherTargets(images, classes, quiet);
        float[][] expected;
        var settings = org.plankton.nn.infer.InferenceSettings.defaults().withTta(4, true);
        try (org.plankton.nn.infer.Classifier c = org.plankton.nn.infer.Classifier.load(teacher, settings,
                org.plankton.nn.engine.InferenceEngines.defaultEngine())) {
            expected = c.predict(images);
        }
        double apart = 0;
        for (int i = 0; i < images.size(); i++) {
            assertThat(geometric[i]).containsExactly(expected[i], org.assertj.core.data.Offset.offset(1e-5f));
            for (int k = 0; k < geometric[i].length; k++) {
                apart = Math.max(apart, Math.abs(geometric[i][k] - arithmetic[i][k]));
            }
        }
        assertThat(apart).as("geometric and arithmetic pooling differ").isGreaterThan(1e-4);
    }

    @Test
    void batchesCarryTheTeachersProbabilitiesForUnlabelledImagesAndOneHotTargetsForLabelledOnes() throws Exception {
        Path unlabelledDir = SyntheticPlankton.writeDataset(tmp.resolve("soft"), 3, 4, 34);
        java.util.List<org.plankton.core.image.GrayImage> images = decodeAll(unlabelledDir);
        var classes = BundleReader.read(teacher).classes();
        Distillation d = new Distillation(unlabelledDir, teacher, 0.5, 1);
        float[][] soft = d.teacherTargets(images, classes, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        float[][] expected;
        try (org.plankton.nn.infer.Classifier c = org.plankton.nn.infer.Classifier.load(teacher)) {
            expected = c.predict(images);
        }
        assertThat(soft).hasSameDimensionsAs(expected);
        int notOneHot = 0;
        for (int i = 0; i < soft.length; i++) {
            assertThat(soft[i]).containsExactly(expected[i], org.assertj.core.data.Offset.offset(1e-6f));
            float top = Math.max(soft[i][0], Math.max(soft[i][1], soft[i][2]));
            notOneHot += top < 0.999f ? 1 : 0;
        }
        assertThat(notOneHot).as("soft probabilities, not hard labels").isPositive();

        // Half the rows labelled (one-hot), half the teacher's; a batch must keep each row's own target.
        int n = images.size();
        float[][] rows = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            rows[i] = i % 2 == 0 ? null : soft[i];
        }
        int[] order = java.util.stream.IntStream.range(0, n).map(i -> n - 1 - i).toArray();
        org.plankton.core.preprocess.Preprocessor pre = new org.plankton.core.preprocess.Preprocessor(
                PreprocessConfig.defaults().withImageSize(16));
        Batch batch;
        try (BatchPipeline p = new BatchPipeline(images, labels, rows, 3, order, n, pre, null, 1, 0, 0f,
                new org.plankton.nn.arch.InputLayout(16, false))) {
            batch = p.next();
        }
        float[] t = batch.targets();
        for (int pos = 0; pos < n; pos++) {
            int idx = order[pos];
            float[] row = Arrays.copyOfRange(t, pos * 3, pos * 3 + 3);
            float[] want = rows[idx] != null ? rows[idx] : new float[3];
            if (rows[idx] == null) {
                want[labels[idx]] = 1f;
            }
            assertThat(row).as("batch row %d (image %d)", pos, idx).containsExactly(want);
        }
    }

    @Test
    void validationImagesAreNeverPseudoLabelled() throws Exception {
        Path list = tmp.resolve("list.csv");
        StringBuilder sb = new StringBuilder("path\n");
        try (var files = Files.walk(data)) {
            files.filter(Files::isRegularFile).forEach(f -> sb.append(f.toAbsolutePath()).append('\n'));
        }
        Files.writeString(list, sb);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingRun.run(request(tmp.resolve("leak"), new Distillation(list, teacher, 0.5, 1)),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        // 25% of 30 per class are validation images
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("left out 24 unlabelled image(s) that are in the validation split");
    }

    @Test
    void aTeacherWithOtherClassesIsRefused() throws Exception {
        Path four = SyntheticPlankton.writeDataset(tmp.resolve("four"), 4, 20, 33);
        Path other = tmp.resolve("other-teacher");
        TrainingRun.run(new TrainingRun.Request(four, other, config(1), PreprocessConfig.defaults().withImageSize(32),
                ArchitectureConfig.tiny(), false), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThatThrownBy(() -> TrainingRun.run(request(tmp.resolve("x"), new Distillation(four, other, 0.5, 1)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .hasMessageContaining("teacher").hasMessageContaining("class list");
        assertThatThrownBy(() -> new Distillation(four, other, 1.0, 1)).hasMessageContaining("share");
    }
}
