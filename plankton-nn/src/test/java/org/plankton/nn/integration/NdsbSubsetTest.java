package org.plankton.nn.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.engine.OptimizerKind;
import org.plankton.nn.infer.Classifier;
import org.plankton.core.data.Datasets;
import org.plankton.nn.infer.DatasetEvaluation;
import org.plankton.nn.train.ScheduleKind;
import org.plankton.nn.train.TrainConfig;
import org.plankton.nn.train.TrainingRun;

/**
 * Trains on four visually distinct NDSB classes (80 images each, read in place from
 * {@code ../shared/data/ndsb}, listed by a manifest in a temp folder) and checks the model is far
 * above chance on held-out images. Skipped with a message when the data is not there.
 */
class NdsbSubsetTest {

    static final List<String> CLASSES = List.of("chaetognath_sagitta", "copepod_cyclopoid_oithona",
            "diatom_chain_tube", "trichodesmium_puff");

    @TempDir
    Path tmp;

    static Path ndsb() {
        for (Path p : List.of(Path.of("../shared/data/ndsb/train"), Path.of("../../shared/data/ndsb/train"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void learnsFourNdsbClassesFarAboveChance() throws Exception {
        Path root = ndsb();
        assumeTrue(root != null, "NDSB data not found at ../shared/data/ndsb/train: integration test skipped");
        Path manifest = tmp.resolve("subset.csv");
        List<String> lines = new ArrayList<>(List.of("path,label"));
        for (String c : CLASSES) {
            try (Stream<Path> files = Files.list(root.resolve(c))) {
                files.map(Path::toString).sorted().limit(80)
                        .forEach(f -> lines.add(Path.of(f).toAbsolutePath().normalize() + "," + c));
            }
        }
        Files.write(manifest, lines, StandardCharsets.UTF_8);

        Path out = tmp.resolve("model");
        TrainConfig config = new TrainConfig(8, 32, OptimizerKind.NESTEROV, 0.02f, 0.9f, 5e-4f, ScheduleKind.COSINE, 0.05, 0.25, 1L, 0, 0,
                AugmentConfig.defaults(), 1, 1L);
        TrainingRun.Result r = TrainingRun.run(new TrainingRun.Request(manifest, out, config,
                PreprocessConfig.defaults().withImageSize(48), ArchitectureConfig.tiny(), false),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(r.validationImages()).isEqualTo(80);
        double acc = r.history().get(r.bestEpoch() - 1).valAccuracy();
        assertThat(acc).as("validation accuracy on 4 NDSB classes (chance 0.25)").isGreaterThan(0.7);

        // evaluate through the bundle on the same manifest: every image has a row and a label
        try (Classifier c = Classifier.load(out)) {
            var eval = DatasetEvaluation.run(c, Datasets.read(manifest, c.classes()), n -> { });
            assertThat(eval.evaluation().images()).isEqualTo(320);
            assertThat(eval.unreadable()).isEmpty();
            assertThat(eval.evaluation().accuracy()).isGreaterThan(0.7);
        }
    }
}
