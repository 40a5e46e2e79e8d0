package org.plankton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.testing.SyntheticPlankton;

/**
 * {@code export-onnx --quantize int8} and {@code --onnx-model}: a small bundle trained by the CLI,
 * quantised on its own training split, classified through the int8 file with probabilities close
 * to the fp32 graph's (a tolerance: int8 rounding differs with the CPU's kernels); and the refusals.
 */
class Int8CliTest {

    @TempDir
    static Path tmp;
    static Path data;
    static Path model;
    static Path other;
    static Path int8;

    @BeforeAll
    static void setUp() throws Exception {
        data = SyntheticPlankton.writeDataset(tmp.resolve("shapes"), 3, 24, 5);
        model = tmp.resolve("m32");
        other = tmp.resolve("m24");
        train(model, "32");
        train(other, "24");
        int8 = tmp.resolve("m32-int8.onnx");
        CliTest.Run r = CliTest.run("export-onnx", "--model", model.toString(), "--out", int8.toString(), "--quantize", "int8",
                "--calibration-data", data.toString(), "--calibration-images", "40");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("training split").contains("--onnx-model");
    }

    private static void train(Path out, String size) {
        CliTest.Run r = CliTest.run("train", "--data", data.toString(), "--out", out.toString(), "--epochs", "2",
                "--image-size", size, "--arch", "tiny", "--batch-size", "16", "--lr", "0.05", "--seed", "1");
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void classifyThroughTheInt8FileIsCloseToFp32() throws Exception {
        Path fp32Csv = tmp.resolve("fp32.csv");
        Path int8Csv = tmp.resolve("int8.csv");
        CliTest.Run a = CliTest.run("classify", "--engine", "onnx", "--model", model.toString(), "--out", fp32Csv.toString(),
                data.toString());
        CliTest.Run b = CliTest.run("classify", "--engine", "onnx", "--onnx-model", int8.toString(), "--model",
                model.toString(), "--out", int8Csv.toString(), data.toString());
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(b.code()).as(b.err()).isZero();
        List<String> x = Files.readAllLines(fp32Csv);
        List<String> y = Files.readAllLines(int8Csv);
        assertThat(y).hasSameSizeAs(x);
        double max = 0;
        for (int i = 1; i < x.size(); i++) {
            String[] p = x.get(i).split(",");
            String[] q = y.get(i).split(",");
            assertThat(q[0]).isEqualTo(p[0]);
            for (int k = 1; k < p.length; k++) {
                max = Math.max(max, Math.abs(Double.parseDouble(p[k]) - Double.parseDouble(q[k])));
            }
        }
        System.out.printf("classify, int8 file vs fp32 graph: max |dp| %.4f over %d images%n", max, x.size() - 1);
        assertThat(max).isLessThan(0.1);
        CliTest.Run e = CliTest.run("evaluate", "--engine", "onnx", "--onnx-model", int8.toString(), "--model",
                model.toString(), "--data", data.toString(), "--split", "validation");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("log loss");
    }

    @Test
    void refusals() throws Exception {
        CliTest.Run torch = CliTest.run("classify", "--engine", "torch", "--onnx-model", int8.toString(), "--model",
                model.toString(), "--out",
                tmp.resolve("x.csv").toString(), data.toString());
        assertThat(torch.code()).isNotZero();
        assertThat(torch.err()).contains("--onnx-model needs --engine onnx");
        CliTest.Run wrong = CliTest.run("classify", "--engine", "onnx", "--onnx-model", int8.toString(), "--model",
                other.toString(), "--out", tmp.resolve("y.csv").toString(), data.toString());
        assertThat(wrong.code()).isNotZero();
        assertThat(wrong.err()).contains("prepares images differently");
        Path ensemble = EnsembleBundle.write(tmp.resolve("ens"), List.of(model, other), new double[] {0.5, 0.5}, Map.of())
                .directory();
        CliTest.Run ens = CliTest.run("classify", "--engine", "onnx", "--onnx-model", int8.toString(), "--model",
                ensemble.toString(), "--out", tmp.resolve("z.csv").toString(), data.toString());
        assertThat(ens.err()).contains("is an ensemble");
        CliTest.Run noData = CliTest.run("export-onnx", "--model", model.toString(), "--out", tmp.resolve("q.onnx").toString(),
                "--quantize", "int8");
        assertThat(noData.code()).isNotZero();
        assertThat(noData.err()).contains("--calibration-data");
        CliTest.Run ensQ = CliTest.run("export-onnx", "--model", ensemble.toString(), "--out", tmp.resolve("e.onnx").toString(),
                "--quantize", "int8", "--calibration-data", data.toString());
        assertThat(ensQ.err()).contains("is an ensemble");
    }
}
