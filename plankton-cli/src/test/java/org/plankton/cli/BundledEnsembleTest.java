package org.plankton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.weights.Safetensors;

/**
 * The ensemble shipped beside the default model ({@code models/ndsb-v6-ensemble}): its first member is
 * the default model itself, linked in place, and its own member is stored as float16 without model.onnx
 * (the repository's size budget; {@link BundledModelTest} checks the total), it classifies with out-of-domain scores and
 * prediction sets, and its
 * card's headline figures are what {@code evaluate --split validation} gives today (with the NDSB data).
 */
class BundledEnsembleTest {

    static final Path ENSEMBLE = Path.of("..", "models", "ndsb-v6-ensemble");

    @BeforeAll
    static void present() {
        assumeTrue(Files.isDirectory(ENSEMBLE), "models/ndsb-v6-ensemble is not in this checkout");
    }

    @Test
    void itsFirstMemberIsTheDefaultModelAndEveryMemberIsFloat16WithoutOnnx() throws Exception {
        EnsembleBundle e = EnsembleBundle.read(ENSEMBLE);
        assertThat(e.members()).hasSize(2);
        assertThat(e.weights().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(e.members().get(0)).as("the ensemble's first member is models/ndsb-v6, linked in place")
                .isEqualTo(BundledModelTest.BUNDLED.normalize());
        assertThat(ENSEMBLE.resolve("members/0")).as("stored once").doesNotExist();
        for (Path m : e.members()) {
            ModelBundle b = BundleReader.read(m);
            assertThat(Safetensors.dtypes(b.weightsPath()).values()).as("%s", m).containsOnly("F16");
            if (m.startsWith(ENSEMBLE)) {
                assertThat(b.onnxPath()).as("%s carries no model.onnx", m).isEmpty();
            }
        }
        assertThat(e.onnxSha256()).isNull();
        assertThat(ENSEMBLE.resolve("MODEL_CARD.md")).exists();
    }

    @Test
    void classifiesWithOutOfDomainScoresAndItsOwnPredictionSets(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path samples = Path.of("..", "samples");
        assumeTrue(Files.isDirectory(samples), "samples/ is not in this checkout");
        Path csv = tmp.resolve("p.csv");
        Path details = tmp.resolve("d.csv");
        CliTest.Run r = CliTest.run("classify", "--model", ENSEMBLE.toString(), "--out", csv.toString(), "--details",
                details.toString(), samples.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(details);
        List<String> header = List.of(rows.get(0).split(","));
        int score = header.indexOf("ood_score");
        int set = header.indexOf("prediction_set");
        assertThat(rows).hasSize(25);
        for (String row : rows.subList(1, rows.size())) {
            assertThat(row.split(",", -1)[score]).as(row).isNotEmpty();
            assertThat(row.split(",", -1)[set]).as("the ensemble's own conformal sets: %s", row).isNotEmpty();
        }
    }

    /** The member without model.onnx is exported in memory by the onnx engine: both engines give the same blend. */
    @Test
    void theOnnxEngineGivesWhatLibtorchGivesOnTheSamples() throws Exception {
        Path samples = Path.of("..", "samples");
        assumeTrue(Files.isDirectory(samples), "samples/ is not in this checkout");
        List<org.plankton.core.image.GrayImage> images = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.walk(samples)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                images.add(new org.plankton.core.image.ImageDecoder().decode(f));
            }
        }
        var settings = org.plankton.nn.infer.InferenceSettings.defaults();
        float[][] torch;
        float[][] onnx;
        try (var c = org.plankton.nn.infer.Classifier.load(ENSEMBLE, settings, org.plankton.nn.engine.InferenceEngines.torch())) {
            torch = c.predict(images);
        }
        try (var c = org.plankton.nn.infer.Classifier.load(ENSEMBLE, settings.withEngine("onnx"))) {
            onnx = c.predict(images);
        }
        assertThat(images).hasSize(24);
        for (int i = 0; i < images.size(); i++) {
            assertThat(onnx[i]).as("image %d", i).containsExactly(torch[i], org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void modelCardFiguresMatchARerunOnTheValidationSplit() throws Exception {
        BundledModelTest.cardMatchesARerun(ENSEMBLE);
    }
}
