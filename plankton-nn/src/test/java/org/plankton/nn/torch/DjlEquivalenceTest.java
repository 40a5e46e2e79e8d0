package org.plankton.nn.torch;

import org.plankton.nn.engine.Precision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.weights.NamedTensor;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;

/**
 * The JavaCPP network computes what the DJL network computes, with the same parameters in the same
 * order: for the default model's weights and for small networks using every architecture
 * ingredient (trained a few steps on DJL so weights and batch-norm statistics are not initial).
 * DJL runs in a child JVM ({@link DjlReference}): the two libtorch builds cannot share a process.
 */
class DjlEquivalenceTest {

    /** Absolute tolerance on probabilities (float32 on both sides; different BLAS, different sums). */
    static final double TOLERANCE = 1e-4;

    @TempDir
    static Path cases;

    static Map<String, ArchitectureConfig> randomCases() {
        Map<String, ArchitectureConfig> m = new LinkedHashMap<>();
        m.put("vgg-dropout-size", ArchitectureConfig.tiny().withSizeFeatures(true));
        m.put("resnet-maxout-orthogonal-nobn", new ArchitectureConfig("resnet", List.of(List.of(8), List.of(8, 16)), 16,
                0.2f, 0f, false, "orthogonal", 2, 1, false, false, 0f));
        m.put("cyclic-roll", ArchitectureConfig.tiny().withRotations(4, true));
        m.put("resnet-fixed-scale-size", new ArchitectureConfig("resnet", List.of(List.of(8), List.of(8, 8)), 16,
                0.25f, 0.2f, true, "xavier", 1, 1, false, true, 0.5f));
        return m;
    }

    static int side(String name) {
        return name.startsWith("cyclic") ? 31 : 32;
    }

    @BeforeAll
    static void runDjl() throws IOException, InterruptedException {
        if (Files.exists(TestData.V4.resolve("weights.params"))) {
            Map<String, Object> manifest = TestData.manifest(TestData.V4);
            ArchitectureConfig arch = TestData.architecture(manifest);
            writeCase("v4", arch, 121, 64, TestData.rows(InputLayout.of(arch, 64), TestData.preprocess(manifest), 24, 5),
                    Map.of("weights", TestData.V4.resolve("weights.params").toAbsolutePath().toString()));
        }
        for (var e : randomCases().entrySet()) {
            int side = side(e.getKey());
            writeCase(e.getKey(), e.getValue(), 5, side,
                    TestData.rows(InputLayout.of(e.getValue(), side), PreprocessConfig.defaults(), 12, 9), Map.of("trainSteps", 3));
        }
        // The other direction: weights trained here (bf16, a few steps), run by DJL.
        ArchitectureConfig trained = ArchitectureConfig.tiny().withSizeFeatures(true);
        float[] rows = TestData.rows(InputLayout.of(trained, 32), PreprocessConfig.defaults(), 16, 13);
        Path torchWeights = Files.createDirectories(cases.resolve("torch-trained")).resolve("torch.safetensors");
        try (TorchNetwork net = TorchNetwork.create(trained, 5, 32, 8);
             TorchTrainer trainer = new TorchTrainer(net, OptimizerConfig.nesterov(0.05, 0.9, 5e-4))) {
            net.setPrecision(Precision.BF16);
            int[] labels = new int[16];
            java.util.Arrays.setAll(labels, i -> i % 5);
            for (int s = 0; s < 5; s++) {
                trainer.step(rows, labels, 16);
            }
            net.saveWeights(torchWeights);
        }
        writeCase("torch-trained", trained, 5, 32, rows, Map.of("safetensors", torchWeights.toAbsolutePath().toString()));
        Path log = cases.resolveSibling(cases.getFileName() + "-djl.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), DjlReference.class.getName(), cases.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done && p.exitValue() == 0).as("DJL reference JVM failed; its log:\n%s", Files.readString(log)).isTrue();
    }

    private static void writeCase(String name, ArchitectureConfig arch, int classes, int side, float[] input,
                                  Map<String, Object> extra) throws IOException {
        Path dir = Files.createDirectories(cases.resolve(name));
        Map<String, Object> c = new LinkedHashMap<>(extra);
        c.put("architecture", arch.toMap());
        c.put("numClasses", classes);
        c.put("imageSize", side);
        Files.writeString(dir.resolve("case.json"), TestData.json(c));
        TestData.writeFloats(dir.resolve("input.bin"), input);
    }

    @Test
    void theDefaultModelsWeightsGiveDjlsProbabilities() throws IOException {
        assumeThat(Files.exists(cases.resolve("v4"))).as("models/ndsb-v4 is not in this checkout").isTrue();
        Map<String, Object> manifest = TestData.manifest(TestData.V4);
        for (boolean channelsLast : new boolean[] {true, false}) {
            try (TorchNetwork net = TorchNetwork.create(TestData.architecture(manifest), 121, 64, 0, channelsLast)) {
                net.loadWeights(org.plankton.core.weights.DjlParamsReader.read(TestData.V4.resolve("weights.params")));
                compare(net, cases.resolve("v4"));
            }
        }
    }

    @Test
    void weightsTrainedOnThisEngineRunOnDjl() throws IOException {
        Path dir = cases.resolve("torch-trained");
        try (TorchNetwork net = TorchNetwork.create(ArchitectureConfig.tiny().withSizeFeatures(true), 5, 32, 0)) {
            net.loadWeights(dir.resolve("torch.safetensors"));
            compare(net, dir);
        }
    }

    static Stream<String> randomCaseNames() {
        return randomCases().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("randomCaseNames")
    void everyIngredientComputesWhatDjlComputes(String name) throws IOException {
        Path dir = cases.resolve(name);
        try (TorchNetwork net = TorchNetwork.fromDjlParams(randomCases().get(name), 5, side(name), dir.resolve("djl.params"))) {
            compare(net, dir);
        }
    }

    private static void compare(TorchNetwork net, Path dir) throws IOException {
        List<String> djlNames = Files.readAllLines(dir.resolve("names.txt"));
        List<String> ours = net.weights().stream().filter(t -> !t.name().isEmpty())
                .map(t -> t.name() + " " + djlShape(t)).collect(Collectors.toList());
        assertThat(ours).containsExactlyElementsOf(djlNames);

        float[] input = TestData.readFloats(dir.resolve("input.bin"));
        float[] expected = TestData.readFloats(dir.resolve("probs.bin"));
        int n = input.length / net.layout().length();
        float[][] p = net.probabilities(input, n);
        float spread = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < net.numClasses(); c++) {
                float e = expected[i * net.numClasses() + c];
                assertThat((double) p[i][c]).as("image %d class %d", i, c).isCloseTo(e, org.assertj.core.data.Offset.offset(TOLERANCE));
                spread = Math.max(spread, Math.abs(e - 1f / net.numClasses()));
            }
        }
        // The comparison has teeth only if the outputs are not all uniform.
        assertThat(spread).isGreaterThan(0.01f);
    }

    private static String djlShape(NamedTensor t) {
        return "(" + java.util.Arrays.stream(t.shape()).mapToObj(Long::toString).collect(Collectors.joining(", ")) + ")";
    }
}
