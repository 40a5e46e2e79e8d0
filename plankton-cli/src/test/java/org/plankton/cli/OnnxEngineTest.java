package org.plankton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecoder;
import org.plankton.core.testing.SyntheticPlankton;
import org.plankton.nn.engine.InferenceEngine;
import org.plankton.nn.engine.InferenceEngines;
import org.plankton.nn.infer.Classifier;
import org.plankton.nn.infer.InferenceSettings;

/**
 * {@code --engine onnx}: small bundles trained by the CLI (so they carry model.onnx with a fitted
 * temperature) give, through the Classifier on ONNX Runtime, the probabilities libtorch's fp32
 * gives: plain, with test-time augmentation, and as an ensemble. The tolerance, 1e-4, holds for any
 * CPU's rounding; the two engines never agree bit for bit.
 */
class OnnxEngineTest {

    private static final double TOLERANCE = 1e-4;

    @TempDir
    static Path tmp;
    static Path data;
    static Path model;
    static Path ensemble;
    static Path twoInputs;
    static List<GrayImage> images;

    @BeforeAll
    static void setUp() throws Exception {
        data = SyntheticPlankton.writeDataset(tmp.resolve("shapes"), 3, 24, 5);
        model = tmp.resolve("m1");
        Path second = tmp.resolve("m2");
        train(model, "32", "1");
        train(second, "24", "2");
        twoInputs = tmp.resolve("m3");
        train(twoInputs, "32", "3", "--size-features", "--fixed-scale", "0.5");
        ensemble = EnsembleBundle.write(tmp.resolve("ens"), List.of(model, second), new double[] {0.4, 0.6}, Map.of())
                .directory();
        images = new ArrayList<>();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".png")).sorted().limit(20).toList()) {
                images.add(new ImageDecoder().decode(f));
            }
        }
    }

    private static void train(Path out, String size, String seed, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out", out.toString(),
                "--epochs", "2", "--image-size", size, "--arch", "tiny", "--batch-size", "16", "--lr", "0.05",
                "--seed", seed));
        args.addAll(List.of(extra));
        CliTest.Run r = CliTest.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("model.onnx")).exists();
    }

    private static double maxDiff(Path dir, int views) throws Exception {
        InferenceEngine onnx = InferenceEngines.named("onnx");
        float[][] torch;
        float[][] ort;
        InferenceSettings settings = InferenceSettings.defaults().withTta(views, false);
        try (Classifier c = Classifier.load(dir, settings, InferenceEngines.torch())) {
            torch = c.predict(images);
        }
        try (Classifier c = Classifier.load(dir, settings, onnx)) {
            ort = c.predict(images);
        }
        double max = 0;
        for (int i = 0; i < torch.length; i++) {
            for (int k = 0; k < torch[i].length; k++) {
                max = Math.max(max, Math.abs(torch[i][k] - ort[i][k]));
            }
        }
        System.out.printf("%s, %d view(s): onnx vs torch fp32 max |dp| %.2e%n", dir.getFileName(), views, max);
        return max;
    }

    @Test
    void onnxEngineGivesTorchsProbabilities() throws Exception {
        assertThat(maxDiff(model, 1)).isLessThan(TOLERANCE);
    }

    /** The engine-neutral input rows cut into the graph's three inputs (image, fixed-scale image, size features). */
    @Test
    void withSizeFeaturesAndFixedScaleInputs() throws Exception {
        assertThat(maxDiff(twoInputs, 1)).isLessThan(TOLERANCE);
        assertThat(maxDiff(twoInputs, 3)).isLessThan(TOLERANCE);
    }

    @Test
    void withTestTimeAugmentation() throws Exception {
        assertThat(maxDiff(model, 2)).isLessThan(TOLERANCE);
    }

    @Test
    void asAnEnsemble() throws Exception {
        assertThat(maxDiff(ensemble, 2)).isLessThan(TOLERANCE);
    }

    @Test
    void classifyAndEvaluateTakeTheEngine() throws Exception {
        Path torchCsv = tmp.resolve("torch.csv");
        Path onnxCsv = tmp.resolve("onnx.csv");
        CliTest.Run t = CliTest.run("classify", "--model", model.toString(), "--out", torchCsv.toString(), data.toString());
        CliTest.Run o = CliTest.run("classify", "--engine", "onnx", "--model", model.toString(), "--out",
                onnxCsv.toString(), data.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(o.code()).as(o.err()).isZero();
        List<String> a = Files.readAllLines(torchCsv);
        List<String> b = Files.readAllLines(onnxCsv);
        assertThat(b).hasSameSizeAs(a);
        assertThat(b.get(0)).isEqualTo(a.get(0));
        for (int i = 1; i < a.size(); i++) {
            String[] x = a.get(i).split(",");
            String[] y = b.get(i).split(",");
            assertThat(y[0]).isEqualTo(x[0]);
            for (int k = 1; k < x.length; k++) {
                assertThat(Double.parseDouble(y[k])).isCloseTo(Double.parseDouble(x[k]),
                        org.assertj.core.data.Offset.offset(TOLERANCE));
            }
        }
        CliTest.Run e = CliTest.run("evaluate", "--engine", "onnx", "--model", ensemble.toString(), "--data",
                data.toString(), "--json");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("log_loss");
    }

    @Test
    void bf16OnOnnxAndUnknownEnginesAreOneLineRefusals() {
        CliTest.Run bf16 = CliTest.run("classify", "--engine", "onnx", "--precision", "bf16", "--model", model.toString(),
                "--out", tmp.resolve("x.csv").toString(), data.toString());
        assertThat(bf16.code()).isEqualTo(PlanktonCli.EXIT_FAILURE);
        assertThat(bf16.err().strip()).isEqualTo("plankton classify: --precision bf16 is not available with --engine onnx "
                + "(it computes in fp32); use --engine torch for bf16");
        assertThat(tmp.resolve("x.csv")).doesNotExist();

        CliTest.Run unknown = CliTest.run("evaluate", "--engine", "tensorflow", "--model", model.toString(),
                "--data", data.toString());
        assertThat(unknown.code()).isEqualTo(PlanktonCli.EXIT_FAILURE);
        assertThat(unknown.err().strip().lines()).hasSize(1);
        assertThat(unknown.err()).contains("no inference engine 'tensorflow'").contains("available: torch, onnx");
    }
}
