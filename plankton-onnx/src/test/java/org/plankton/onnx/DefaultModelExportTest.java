package org.plankton.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.calibration.Calibration;
import org.plankton.core.calibration.TemperatureScaling;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;
import org.plankton.nn.torch.TorchNetwork;

/** The bundled models/ndsb-v4 (VGG with batch norm, size-feature late fusion, 121 classes), exported and run. */
class DefaultModelExportTest {

    static final Path V4 = Path.of("..", "models", "ndsb-v4");
    private static final int N = 16;

    @Test
    void exportedDefaultModelGivesTheTorchEnginesCalibratedProbabilities(@TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(V4.resolve("weights.params")), "models/ndsb-v4 is not in this checkout");
        ModelBundle bundle = BundleReader.read(V4);
        ArchitectureConfig arch = ArchitectureConfig.fromMap(bundle.manifest().architecture());
        var pc = bundle.manifest().preprocess();
        InputLayout layout = InputLayout.of(arch, pc.imageSize());
        double t = Calibration.readFrom(V4).plain().temperature();
        assertThat(t).as("v4 is calibrated (the check below needs T != 1)").isNotCloseTo(1.0,
                org.assertj.core.data.Offset.offset(0.01));

        Path file = dir.resolve("model.onnx");
        OnnxExport.Summary summary = OnnxExport.write(V4, file);
        assertThat(summary.inputs()).containsExactly(OnnxExport.IMAGE, OnnxExport.SIZE_FEATURES);
        assertThat(summary.outputs()).containsExactly(OnnxExport.LOGITS, OnnxExport.PROBABILITIES, OnnxExport.FEATURES);

        float[] rows = Rows.synthetic(layout, pc, N, 4);
        float[][] torch;
        float[][] torchFeatures;
        try (TorchNetwork net = TorchNetwork.fromDjlParams(arch, 121, pc.imageSize(), bundle.weightsPath())) {
            torch = net.probabilities(rows, N);
            torchFeatures = net.features(rows, 0, N).features();
        }
        Map<String, float[][]> out;
        Map<String, String> metadata;
        try (OrtModel model = new OrtModel(Files.readAllBytes(file), OptLevel.ALL_OPT, 2)) {
            out = model.run(Rows.inputs(layout, rows, N));
            metadata = model.session().getMetadata().getCustomMetadata();
        }
        float[][] logits = out.get(OnnxExport.LOGITS);
        float[][] probs = out.get(OnnxExport.PROBABILITIES);
        // The penultimate features (512 convnet + 80 size-net units) agree with the torch engine's.
        assertThat(out.get(OnnxExport.FEATURES)[0]).hasSize(592);
        double scale = 0;
        for (float[] row : torchFeatures) {
            for (float v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        assertThat(Rows.maxDiff(out.get(OnnxExport.FEATURES), torchFeatures)).isLessThan(1e-4 * Math.max(1, scale));
        TemperatureScaling ts = new TemperatureScaling(t);
        float[][] calibrated = new float[N][];
        for (int i = 0; i < N; i++) {
            calibrated[i] = ts.apply(torch[i]);
        }
        double dp = Rows.maxDiff(probs, calibrated);
        double dUncalibrated = Rows.maxDiff(Rows.softmax(logits, 1), torch);
        System.out.printf("ndsb-v4 on %d synthetic images: max |dp| %.2e (calibrated, T=%.4f), %.2e (softmax of the "
                + "logits output); spread %.2f%n", N, dp, t, dUncalibrated, ArchitectureExportTest.spread(torch));
        assertThat(dp).isLessThan(1e-4);
        assertThat(dUncalibrated).isLessThan(1e-4);
        // The temperature is in the graph: probabilities are softmax(logits / T), not softmax(logits).
        assertThat(Rows.maxDiff(probs, Rows.softmax(logits, t))).isLessThan(1e-6);
        assertThat(Rows.maxDiff(probs, Rows.softmax(logits, 1))).isGreaterThan(1e-3);

        assertThat(new ObjectMapper().readValue(metadata.get(ModelMetadata.CLASSES), List.class))
                .isEqualTo(bundle.classes().names());
        assertThat(OnnxBenchmark.loadedEngines()).as("JavaCPP's libtorch and ONNX Runtime share this JVM")
                .contains("libonnxruntime.so", "libtorch_cpu.so");
        List<?> members = new ObjectMapper().readValue(metadata.get(ModelMetadata.MEMBERS), List.class);
        assertThat(members).hasSize(1);
        assertThat(((Map<?, ?>) members.get(0)).get("temperature")).isEqualTo(t);
    }
}
