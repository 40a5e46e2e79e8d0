package org.plankton.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.features.SizeFeatures;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecoder;
import org.plankton.core.preprocess.Preprocessor;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.infer.Classifier;

/**
 * The contract of docs/onnx.md end to end on real images: the 24 demo images in {@code samples/},
 * prepared as the page says (decode to gray, the bundle's {@link Preprocessor}, the raw size
 * features of the original image) and run through the exported ndsb-v4 on ONNX Runtime, get the
 * calibrated probabilities that {@code classify} reports for them.
 */
class SamplesMatchClassifyTest {

    @Test
    void exportedModelOnDocumentedInputsGivesWhatClassifyGives() throws Exception {
        Path samples = Path.of("..", "samples");
        assumeTrue(Files.isDirectory(samples) && Files.exists(DefaultModelExportTest.V4.resolve("manifest.json")),
                "samples/ or models/ndsb-v4 is not in this checkout");
        List<GrayImage> images = new ArrayList<>();
        try (Stream<Path> files = Files.walk(samples)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                images.add(new ImageDecoder().decode(f));
            }
        }
        int n = images.size();
        assertThat(n).isGreaterThanOrEqualTo(20);

        ModelBundle bundle = BundleReader.read(DefaultModelExportTest.V4);
        ArchitectureConfig arch = ArchitectureConfig.fromMap(bundle.manifest().architecture());
        var pc = bundle.manifest().preprocess();
        Preprocessor pre = new Preprocessor(pc);
        int s = pc.imageSize();
        float[] pixels = new float[n * s * s];
        float[] features = new float[n * SizeFeatures.COUNT];
        for (int i = 0; i < n; i++) {
            pre.render(images.get(i), org.plankton.core.preprocess.Affine.identity(), pixels, i * s * s);
            SizeFeatures.write(images.get(i), pc.invert(), features, i * SizeFeatures.COUNT);
        }
        assertThat(arch.sizeFeatures()).isTrue();
        byte[] onnx = OnnxExport.model(bundle.classes(), List.of(OnnxExport.member(bundle)), new double[] {1}).toByteArray();
        float[][] viaOnnx;
        try (OrtModel model = new OrtModel(onnx, OptLevel.ALL_OPT, 2)) {
            viaOnnx = model.run(java.util.Map.of(
                    OnnxExport.IMAGE, new OrtModel.Input(pixels, new long[] {n, 1, s, s}),
                    OnnxExport.SIZE_FEATURES, new OrtModel.Input(features, new long[] {n, SizeFeatures.COUNT})))
                    .get(OnnxExport.PROBABILITIES);
        }
        float[][] viaClassify;
        try (Classifier classifier = Classifier.load(DefaultModelExportTest.V4)) {
            viaClassify = classifier.predict(images);
        }
        double dp = Rows.maxDiff(viaOnnx, viaClassify);
        System.out.printf("samples/ (%d images) through the exported ndsb-v4 vs. Classifier: max |dp| %.2e%n", n, dp);
        assertThat(dp).isLessThan(1e-4);
    }
}
