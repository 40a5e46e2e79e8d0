package org.plankton.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.plankton.core.calibration.TemperatureScaling;
import org.plankton.core.data.ClassList;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;
import org.plankton.nn.torch.TorchNetwork;

/**
 * Every ingredient of the architectures the trainer builds, exported from a small randomly
 * initialised TorchNetwork and run on ONNX Runtime: the same probabilities as the torch engine in
 * fp32 on the same input, within 1e-4, with ONNX Runtime's graph optimisations on and off.
 */
class ArchitectureExportTest {

    private static final int CLASSES = 5;
    private static final int N = 8;
    private static double worst;

    static Stream<Arguments> variants() {
        ArchitectureConfig tiny = ArchitectureConfig.tiny();
        ArchitectureConfig resnet = new ArchitectureConfig("resnet", List.of(List.of(8, 8), List.of(8, 8)), 32, 0.2f, 0.3f, true);
        ArchitectureConfig threeStages = new ArchitectureConfig("vgg", List.of(List.of(8), List.of(8), List.of(16)), 24,
                0.25f, 0f, true);
        return Stream.of(
                Arguments.of("vgg with batch norm", tiny, 32, 1.0),
                Arguments.of("no batch norm (conv bias)", tiny.withBatchNorm(false), 32, 1.0),
                Arguments.of("leaky slope 0 (ReLU)", tiny.withLeakySlope(0f), 32, 1.3),
                Arguments.of("leaky slope 1/3", tiny.withLeakySlope(1f / 3f), 32, 0.8),
                Arguments.of("maxout 2", tiny.withMaxout(2), 32, 1.0),
                Arguments.of("maxout 3", tiny.withMaxout(3), 32, 1.7),
                Arguments.of("orthogonal init", tiny.withInit("orthogonal"), 32, 1.0),
                Arguments.of("residual (identity and projection shortcuts)", resnet, 32, 1.0),
                Arguments.of("residual without batch norm", resnet.withBatchNorm(false), 32, 1.2),
                Arguments.of("cyclic slice and RMS pooling", tiny.withRotations(4, false), 31, 1.0),
                Arguments.of("cyclic slice with roll", threeStages.withRotations(4, true), 31, 0.9),
                Arguments.of("size features (late fusion)", tiny.withSizeFeatures(true), 32, 1.1),
                Arguments.of("fixed-scale branch", tiny.withFixedScale(1f), 32, 1.0),
                Arguments.of("everything at once", resnet.withMaxout(2).withRotations(4, true).withSizeFeatures(true)
                        .withFixedScale(0.5f).withBatchNorm(false), 31, 1.4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void onnxRuntimeComputesWhatTheTorchEngineComputes(String name, ArchitectureConfig arch, int side, double temperature)
            throws Exception {
        PreprocessConfig pc = new PreprocessConfig(side, 0.9, true, 0.05f, 0.15f);
        InputLayout layout = InputLayout.of(arch, side);
        float[] rows = Rows.synthetic(layout, pc, N, side * 31L + arch.hashCode());
        float[][] torch;
        OnnxMember member;
        try (TorchNetwork net = TorchNetwork.create(arch, CLASSES, side, 7)) {
            net.loadWeights(RandomWeights.perturbed(net.weights(), 11));
            torch = net.probabilities(rows, N);
            member = new OnnxMember(arch, pc, net.weights(), temperature);
        }
        // A near-uniform output would hide errors in the graph: the test needs probabilities that vary.
        assertThat(spread(torch)).as(name + ": spread of the torch probabilities").isGreaterThan(0.05);
        byte[] onnx = OnnxExport.model(ClassList.of(List.of("a", "b", "c", "d", "e")), List.of(member), new double[] {1})
                .toByteArray();
        Rows.keep(name, onnx);
        TemperatureScaling t = new TemperatureScaling(temperature);
        for (OptLevel level : new OptLevel[] {OptLevel.ALL_OPT, OptLevel.NO_OPT}) {
            Map<String, float[][]> out;
            try (OrtModel model = new OrtModel(onnx, level, 1)) {
                out = model.run(Rows.inputs(layout, rows, N));
            }
            float[][] calibrated = new float[N][];
            for (int i = 0; i < N; i++) {
                calibrated[i] = t.apply(torch[i]);
            }
            double dp = Rows.maxDiff(out.get(OnnxExport.PROBABILITIES), calibrated);
            double dLogits = Rows.maxDiff(Rows.softmax(out.get(OnnxExport.LOGITS), 1), torch);
            System.out.printf("%-45s %-9s max |dp| %.2e (calibrated, T=%.2f), via logits %.2e; spread %.2f%n", name, level,
                    dp, temperature, dLogits, spread(torch));
            worst = Math.max(worst, Math.max(dp, dLogits));
            assertThat(dp).as(name + " " + level + ": calibrated probabilities").isLessThan(1e-4);
            assertThat(dLogits).as(name + " " + level + ": softmax(logits)").isLessThan(1e-4);
        }
    }

    /** Largest difference between two classes' probabilities of one image. */
    static double spread(float[][] p) {
        double s = 0;
        for (float[] row : p) {
            float max = row[0];
            float min = row[0];
            for (float v : row) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
            s = Math.max(s, max - min);
        }
        return s;
    }

    @AfterAll
    static void report() {
        System.out.printf("architectures: worst max |dp| %.2e%n", worst);
    }
}
