package org.plankton.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.data.ClassList;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.testing.SyntheticPlankton;
import org.plankton.core.weights.NamedTensor;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.engine.Engines;
import org.plankton.nn.engine.InferenceNetwork;
import org.plankton.nn.engine.NetworkSpec;
import org.plankton.nn.engine.OptimizerKind;

/** Fine-tuning ({@code train --init}): weights copied, head replaced, features frozen when asked. */
class WarmStartTest {

    @TempDir
    static Path tmp;
    static Path source;
    static Path fourClasses;

    static TrainConfig config(int epochs) {
        return new TrainConfig(epochs, 16, OptimizerKind.NESTEROV, 0.05f, 0.9f, 1e-4f, ScheduleKind.COSINE, 0.05, 0.25, 5L, 0, 0,
                AugmentConfig.defaults(), 1, 5L);
    }

    @BeforeAll
    static void trainSource() throws Exception {
        Path three = SyntheticPlankton.writeDataset(tmp.resolve("three"), 3, 40, 21);
        fourClasses = SyntheticPlankton.writeDataset(tmp.resolve("four"), 4, 30, 22);
        source = tmp.resolve("source");
        TrainingRun.run(new TrainingRun.Request(three, source, config(3), PreprocessConfig.defaults().withImageSize(32),
                ArchitectureConfig.tiny(), false), quiet());
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    static Map<String, float[]> weights(Path bundleDir) throws Exception {
        return weights(bundleDir, BundleReader.read(bundleDir).weightsPath());
    }

    /** The parameters in {@code weightsFile}, for the network of the bundle in {@code bundleDir}. */
    static Map<String, float[]> weights(Path bundleDir, Path weightsFile) throws Exception {
        ModelBundle b = BundleReader.read(bundleDir);
        Map<String, float[]> out = new LinkedHashMap<>();
        NetworkSpec spec = new NetworkSpec(ArchitectureConfig.fromMap(b.manifest().architecture()), b.classes().size(),
                b.manifest().preprocess().imageSize());
        try (InferenceNetwork n = Engines.current().network(spec, weightsFile)) {
            n.weights().forEach(t -> out.put(t.name(), t.values()));
        }
        return out;
    }

    @Test
    void frozenFeaturesStayExactlyTheSourceWeightsWhileTheNewHeadLearns() throws Exception {
        Path out = tmp.resolve("frozen");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // Ask for another input size and architecture: the source's must win.
        TrainingRun.run(new TrainingRun.Request(fourClasses, out, config(2), PreprocessConfig.defaults().withImageSize(48),
                ArchitectureConfig.defaults(), false, source, 2), new PrintStream(log, true, StandardCharsets.UTF_8));
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("init: ").contains("new head for 4 classes").contains("features frozen");

        ModelBundle tuned = BundleReader.read(out);
        ModelBundle src = BundleReader.read(source);
        assertThat(tuned.classes().names()).containsExactly("bar", "cross", "disc", "ring");
        assertThat(tuned.manifest().preprocess()).isEqualTo(src.manifest().preprocess());
        assertThat(tuned.manifest().architecture()).isEqualTo(src.manifest().architecture());
        assertThat(tuned.provenance()).containsKey("init");

        Map<String, float[]> before = weights(source);
        Map<String, float[]> after = weights(out);
        int convChecked = 0;
        for (var e : after.entrySet()) {
            if (e.getKey().contains("Conv2d")) {
                assertThat(e.getValue()).as(e.getKey() + " frozen").containsExactly(before.get(e.getKey()));
                convChecked++;
            }
        }
        assertThat(convChecked).isPositive();
        String firstDense = after.keySet().stream().filter(k -> k.contains("Linear_weight")).findFirst().orElseThrow();
        assertThat(after.get(firstDense)).as("dense layer trained").isNotEqualTo(before.get(firstDense));
        String head = after.keySet().stream().filter(k -> k.contains("Linear_weight")).reduce((a, b) -> b).orElseThrow();
        assertThat(after.get(head)).hasSize(before.get(head).length / 3 * 4);
    }

    @Test
    void thawedRunTrainsTheFeaturesToo() throws Exception {
        Path out = tmp.resolve("thawed");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingRun.Result r = TrainingRun.run(new TrainingRun.Request(fourClasses, out, config(3),
                PreprocessConfig.defaults(), ArchitectureConfig.tiny(), false, source, 1),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("features thawed");
        Map<String, float[]> before = weights(source);
        // The last epoch's weights (in the checkpoint, whichever epoch the bundle kept): trained after the thaw.
        Path lastEpoch = Checkpoint.directoryFor(out).resolve("weights-e0003.safetensors");
        assertThat(lastEpoch).exists();
        Map<String, float[]> after = weights(out, lastEpoch);
        String conv = after.keySet().stream().filter(k -> k.contains("Conv2d_weight")).findFirst().orElseThrow();
        assertThat(after.get(conv)).as("features trained after the thaw").isNotEqualTo(before.get(conv));
        assertThat(r.history()).hasSize(3);
        assertThat(r.bestValLogLoss()).as("better than chance on 4 classes").isLessThan(Math.log(4));
    }

    @Test
    void sameClassesKeepTheHead() throws Exception {
        Path three = tmp.resolve("three");
        Path out = tmp.resolve("same");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingRun.run(new TrainingRun.Request(three, out, config(1), PreprocessConfig.defaults(),
                ArchitectureConfig.tiny(), false, source, 0), new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("head kept (same classes)");
    }

    @Test
    void dropoutCanBeChangedOnAWarmStartAndNothingElse() throws Exception {
        Path three = tmp.resolve("three");
        Path out = tmp.resolve("no-dropout");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // Ask for another architecture too: only the dropout override may reach the new run.
        TrainingRun.run(new TrainingRun.Request(three, out, config(1), PreprocessConfig.defaults(),
                ArchitectureConfig.defaults(), false, source, 0, null, 0f),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        String text = log.toString(StandardCharsets.UTF_8);
        int sourceArrays = weights(source).size();
        assertThat(text).contains("init: " + sourceArrays + " parameter arrays").contains("head kept (same classes)");

        ArchitectureConfig src = ArchitectureConfig.fromMap(BundleReader.read(source).manifest().architecture());
        ArchitectureConfig tuned = ArchitectureConfig.fromMap(BundleReader.read(out).manifest().architecture());
        assertThat(src.dropout()).isPositive();
        assertThat(tuned).isEqualTo(src.withDropout(0f));
        assertThat(WarmStart.from(source).architecture(false, 0.3f)).isEqualTo(src.withDropout(0.3f));

        assertThatThrownBy(() -> new TrainingRun.Request(three, tmp.resolve("x"), config(1), PreprocessConfig.defaults(),
                ArchitectureConfig.tiny(), false, null, 0, null, 0f))
                .hasMessageContaining("--init");
    }

    @Test
    void addedSizeFeatureBranchStartsFromTheSourcePredictionsAndThenLearns() throws Exception {
        WarmStart warm = WarmStart.from(source);
        ArchitectureConfig target = warm.architecture(true);
        assertThat(target.sizeFeatures()).isTrue();
        assertThat(target.withSizeFeatures(false)).isEqualTo(warm.architecture());
        assertThat(warm.architecture(false)).isEqualTo(warm.architecture());

        ModelBundle src = BundleReader.read(source);
        int side = src.manifest().preprocess().imageSize();
        int n = 5;
        java.util.Random random = new java.util.Random(3);
        try (InferenceNetwork from = Engines.current().network(new NetworkSpec(warm.architecture(), 3, side),
                src.weightsPath());
             InferenceNetwork to = Engines.current().network(new NetworkSpec(target, 3, side), 7)) {
            int withFeatures = to.layout().length();
            assertThat(withFeatures).isGreaterThan(side * side);
            float[] pixels = new float[n * side * side];
            float[] rows = new float[n * withFeatures];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < side * side; j++) {
                    float v = (float) random.nextGaussian();
                    pixels[i * side * side + j] = v;
                    rows[i * withFeatures + j] = v;
                }
                for (int j = side * side; j < withFeatures; j++) {
                    rows[i * withFeatures + j] = (float) (3 * random.nextGaussian()); // any size features
                }
            }
            float[][] expected = from.probabilities(pixels, n);
            List<NamedTensor> fresh = to.weights();
            WarmStart.Merged merged = warm.merge(fresh, src.classes());
            assertThat(merged.copied()).isEqualTo(from.weights().size());
            float[][] before = to.probabilities(rows, n);
            try (InferenceNetwork started = Engines.current().network(new NetworkSpec(target, 3, side), merged.weights())) {
                float[][] actual = started.probabilities(rows, n);
                for (int i = 0; i < n; i++) {
                    assertThat(actual[i]).containsExactly(expected[i], org.assertj.core.data.Offset.offset(1e-5f));
                    assertThat(before[i]).as("a fresh network differs").isNotEqualTo(expected[i]);
                }
            }
        }

        // And a run with it trains the branch: the bundle records size features and the branch moved off zero.
        Path out = tmp.resolve("with-size");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingRun.run(new TrainingRun.Request(tmp.resolve("three"), out, config(1), PreprocessConfig.defaults(),
                ArchitectureConfig.tiny().withSizeFeatures(true), false, source, 0),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("size-feature branch added");
        ModelBundle tuned = BundleReader.read(out);
        ArchitectureConfig saved = ArchitectureConfig.fromMap(tuned.manifest().architecture());
        assertThat(saved).isEqualTo(target);
        Map<String, float[]> after = weights(out);
        String last = after.keySet().stream().filter(k -> k.contains("sizeNet") && k.endsWith("Linear_weight"))
                .reduce((a, b) -> b).orElseThrow();
        float sum = 0;
        for (float v : after.get(last)) {
            sum += Math.abs(v);
        }
        assertThat(sum).as("the zero-started last layer of the size branch learnt").isPositive();
    }

    @Test
    void freezingAlsoHoldsTheFixedScaleBranchConvolutions() throws Exception {
        Path withFixed = tmp.resolve("fixed-source");
        TrainingRun.run(new TrainingRun.Request(tmp.resolve("three"), withFixed, config(1),
                PreprocessConfig.defaults().withImageSize(32), ArchitectureConfig.tiny().withFixedScale(0.5f), false),
                quiet());
        Path out = tmp.resolve("fixed-frozen");
        TrainingRun.run(new TrainingRun.Request(fourClasses, out, config(1), PreprocessConfig.defaults(),
                ArchitectureConfig.tiny(), false, withFixed, 1), quiet());
        Map<String, float[]> before = weights(withFixed);
        Map<String, float[]> after = weights(out);
        int checked = 0;
        for (var e : after.entrySet()) {
            if (e.getKey().contains("Conv2d")) {
                assertThat(e.getValue()).as(e.getKey() + " frozen").containsExactly(before.get(e.getKey()));
                checked += e.getKey().contains("fixedScaleNet") ? 1 : 0;
            }
        }
        assertThat(checked).as("fixed-scale convolutions checked").isPositive();
    }

    @Test
    void damagedInitModelIsAClearError() throws Exception {
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(broken.resolve("manifest.json"), "{ not json");
        assertThatThrownBy(() -> TrainingRun.run(new TrainingRun.Request(fourClasses, tmp.resolve("x"), config(1),
                PreprocessConfig.defaults(), ArchitectureConfig.tiny(), false, broken, 0), quiet()))
                .hasMessageContaining("--init").hasMessageContaining(broken.toString());
        assertThatThrownBy(() -> new TrainingRun.Request(fourClasses, tmp.resolve("x"), config(1),
                PreprocessConfig.defaults(), ArchitectureConfig.tiny(), false, null, 2))
                .hasMessageContaining("--init");
    }

    @Test
    void headRowsAreCopiedByClassNameAndNewClassesKeepTheirDraw() {
        // source classes a, c (rows 1,1 / 2,2); target a, b, c: b is new
        List<NamedTensor> source = List.of(new NamedTensor("01Conv2d_weight", new long[] {2}, new float[] {9, 9}),
                new NamedTensor("03Linear_weight", new long[] {2, 2}, new float[] {1, 1, 2, 2}),
                new NamedTensor("03Linear_bias", new long[] {2}, new float[] {10, 20}));
        List<NamedTensor> target = List.of(new NamedTensor("01Conv2d_weight", new long[] {2}, new float[] {0, 0}),
                new NamedTensor("03Linear_weight", new long[] {3, 2}, new float[] {-1, -1, -2, -2, -3, -3}),
                new NamedTensor("03Linear_bias", new long[] {3}, new float[] {-10, -20, -30}));
        WarmStart.Merged merged = WarmStart.merge(source, target, false);
        WarmStart.Merged rows = WarmStart.copyHeadRows(source, merged, ClassList.ordered(List.of("a", "c")),
                ClassList.ordered(List.of("a", "b", "c")));
        assertThat(rows.weights().get(0).values()).containsExactly(9, 9);
        assertThat(rows.weights().get(1).values()).containsExactly(1, 1, -2, -2, 2, 2);
        assertThat(rows.weights().get(2).values()).containsExactly(10, -20, 20);
        assertThat(rows.copied()).isEqualTo(merged.copied() + 2);
    }

    @Test
    void byClassNameKeepsTheSharedClassesRowsInATrainingRunAndTheDefaultDoesNot() throws Exception {
        Path out = tmp.resolve("by-name");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingRun.run(new TrainingRun.Request(fourClasses, out, config(1), PreprocessConfig.defaults(),
                ArchitectureConfig.tiny(), false, source, 1), WarmStart.HeadTransfer.BY_CLASS_NAME,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("head rows of 3 classes kept by name, 1 new (4 classes)");
        assertThat(BundleReader.read(out).provenance().toString()).contains("rows of 3 classes kept by name");
        WarmStart plain = WarmStart.from(source);
        ClassList four = BundleReader.read(out).classes();
        assertThat(plain.describeHead(four)).isEqualTo("new head for 4 classes");
        assertThat(plain.withHeadTransfer(WarmStart.HeadTransfer.BY_CLASS_NAME).headRowsKept(four)).isEqualTo(3);
    }
}
