package org.plankton.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecoder;
import org.plankton.nn.engine.InferenceEngines;
import org.plankton.nn.infer.Classifier;
import org.plankton.nn.infer.InferenceSettings;

/**
 * The onnx engine on the real default model: models/ndsb-v4 has no model.onnx (written before
 * bundles carried one), so this also covers the export in memory. The Classifier on ONNX Runtime
 * gives the 24 demo images of samples/ the probabilities it gives on libtorch fp32.
 */
class OrtEngineSamplesTest {

    @ParameterizedTest(name = "{0} view(s)")
    @ValueSource(ints = {1, 2})
    void samplesThroughV4MatchTorch(int views) throws Exception {
        Path samples = Path.of("..", "samples");
        assumeTrue(Files.isDirectory(samples) && Files.exists(DefaultModelExportTest.V4.resolve("manifest.json")),
                "samples/ or models/ndsb-v4 is not in this checkout");
        assertThat(BundleReader.read(DefaultModelExportTest.V4).onnxPath()).as("v4 carries no model.onnx").isEmpty();
        List<GrayImage> images = new ArrayList<>();
        try (Stream<Path> files = Files.walk(samples)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                images.add(new ImageDecoder().decode(f));
            }
        }
        float[][] torch;
        float[][] ort;
        InferenceSettings settings = InferenceSettings.defaults().withTta(views, false);
        try (Classifier c = Classifier.load(DefaultModelExportTest.V4, settings, InferenceEngines.torch())) {
            torch = c.predict(images);
        }
        try (Classifier c = Classifier.load(DefaultModelExportTest.V4, settings.withEngine(OrtEngine.ID))) {
            ort = c.predict(images);
        }
        double dp = Rows.maxDiff(ort, torch);
        System.out.printf("samples/ (%d images), ndsb-v4, %d view(s): onnx engine vs torch fp32 max |dp| %.2e%n",
                images.size(), views, dp);
        assertThat(dp).isLessThan(1e-4);
    }
}
