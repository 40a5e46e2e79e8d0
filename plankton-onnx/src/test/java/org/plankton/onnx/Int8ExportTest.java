package org.plankton.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.data.ClassList;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;
import org.plankton.nn.torch.TorchNetwork;
import org.plankton.onnx.int8.CalibrationImages;
import org.plankton.onnx.int8.Int8Export;
import org.plankton.onnx.proto.ModelProto;

/**
 * The int8 export of a small network with batch norm and size features (random weights, synthetic
 * plankton): ONNX Runtime loads it, fuses it into integer kernels, and its probabilities stay close
 * to the fp32 graph's on images that calibration did not see. Tolerances, not exact values: int8
 * rounding and the CPU's kernels differ from machine to machine.
 */
class Int8ExportTest {

    private static final int SIDE = 32;
    private static final int N = 48;
    private static final PreprocessConfig PC = new PreprocessConfig(SIDE, 0.9, true, 0.05f, 0.15f);

    @Test
    void quantisedProbabilitiesAreCloseToFp32AndOnnxRuntimeRunsIntegerKernels(@TempDir Path tmp) throws Exception {
        ArchitectureConfig arch = ArchitectureConfig.tiny().withSizeFeatures(true);
        InputLayout layout = InputLayout.of(arch, SIDE);
        OnnxMember member;
        try (TorchNetwork net = TorchNetwork.create(arch, 5, SIDE, 3)) {
            net.loadWeights(RandomWeights.perturbed(net.weights(), 5));
            member = new OnnxMember(arch, PC, net.weights(), 1.0);
        }
        ModelProto fp32 = OnnxExport.model(ClassList.of(List.of("a", "b", "c", "d", "e")), List.of(member), new double[] {1});
        List<Map<String, Int8Export.Tensor>> calibration = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            calibration.add(CalibrationImages.feed(layout, Rows.synthetic(layout, PC, 16, 100 + b), 16));
        }
        check(fp32, calibration, layout, Int8Export.Options.DEFAULT, 1, tmp);
        // every layer int8 but the classes ones, min/max ranges: the other path through the plan
        check(fp32, calibration, layout, new Int8Export.Options(1, false, true, false, false, List.of()), 2, tmp);
    }

    private static void check(ModelProto fp32, List<Map<String, Int8Export.Tensor>> calibration, InputLayout layout,
                              Int8Export.Options options, int integerConvs, Path tmp) throws Exception {
        ModelProto int8 = Int8Export.quantize(fp32, calibration, options, 1);
        assertThat(int8.metadata()).containsKey(Int8Export.METADATA_KEY);
        assertThat(int8.graph().inputs()).isEqualTo(fp32.graph().inputs());
        assertThat(int8.graph().outputs()).isEqualTo(fp32.graph().outputs());

        float[] rows = Rows.synthetic(layout, PC, N, 7);
        float[][] p32;
        float[][] p8;
        try (OrtModel a = new OrtModel(fp32.toByteArray(), OptLevel.ALL_OPT, 1);
             OrtModel b = new OrtModel(int8.toByteArray(), OptLevel.ALL_OPT, 1)) {
            p32 = a.run(Rows.inputs(layout, rows, N)).get(OnnxExport.PROBABILITIES);
            p8 = b.run(Rows.inputs(layout, rows, N)).get(OnnxExport.PROBABILITIES);
        }
        assertThat(ArchitectureExportTest.spread(p32)).as("fp32 probabilities must vary for the test to mean anything")
                .isGreaterThan(0.05);
        double meanDiff = 0;
        int sameTop = 0;
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < p32[i].length; c++) {
                meanDiff += Math.abs(p32[i][c] - p8[i][c]) / (N * p32[i].length);
            }
            sameTop += argmax(p32[i]) == argmax(p8[i]) ? 1 : 0;
        }
        double maxDiff = Rows.maxDiff(p8, p32);
        System.out.printf("int8 vs fp32: max |dp| %.4f, mean |dp| %.5f, same top class %d/%d%n", maxDiff, meanDiff, sameTop, N);
        assertThat(maxDiff).isLessThan(0.05);
        assertThat(meanDiff).isLessThan(0.01);
        assertThat(sameTop).isGreaterThanOrEqualTo(N * 9 / 10);

        // ONNX Runtime's own optimised graph: the QDQ pairs must have become integer operators.
        Path optimised = tmp.resolve("optimised" + integerConvs + ".onnx");
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setOptimizationLevel(OptLevel.ALL_OPT);
            o.setOptimizedModelFilePath(optimised.toString());
            OrtEnvironment.getEnvironment().createSession(int8.toByteArray(), o).close();
        }
        String ops = new String(Files.readAllBytes(optimised), StandardCharsets.ISO_8859_1);
        assertThat(count(ops, "QLinearConv")).as("integer convolutions").isEqualTo(integerConvs);
        assertThat(ops).contains("QGemm");
        System.out.println("optimised int8 graph: QLinearConv x" + count(ops, "QLinearConv") + ", QGemm x" + count(ops, "QGemm")
                + ", QLinearLeakyRelu x" + count(ops, "QLinearLeakyRelu") + ", float Conv x" + count(ops, "\"\u0004Conv"));
    }

    private static int count(String s, String what) {
        return s.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            best = p[i] > p[best] ? i : best;
        }
        return best;
    }
}
