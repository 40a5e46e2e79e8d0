package org.plankton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export-onnx}: writes the bundled model's graph; usage and model errors are one line with their exit codes. */
class ExportOnnxCommandTest {

    @TempDir
    Path tmp;

    @Test
    void exportsTheBundledModel() throws Exception {
        Path out = tmp.resolve("bundled.onnx");
        CliTest.Run r = CliTest.run("export-onnx", "--model", BundledModelTest.BUNDLED.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("inputs image, size_features").contains("outputs logits, probabilities");
        // A protobuf ModelProto starts with field 1 (ir_version, varint): tag 0x08, then 8.
        byte[] head = Files.readAllBytes(out);
        assertThat(head.length).as("2.4 M float16 weights").isGreaterThan(4_000_000);
        assertThat(new byte[] {head[0], head[1]}).containsExactly(0x08, 0x08);
    }

    @Test
    void missingOutIsUsageAndABadModelIsAFailure() throws Exception {
        CliTest.Run usage = CliTest.run("export-onnx", "--model", BundledModelTest.BUNDLED.toString());
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err().strip().lines()).hasSize(1);
        CliTest.Run bad = CliTest.run("export-onnx", "--model", tmp.resolve("nothing").toString(), "--out",
                tmp.resolve("x.onnx").toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err().strip().lines()).hasSize(1);
        assertThat(bad.err()).contains("no model bundle");
        assertThat(tmp.resolve("x.onnx")).doesNotExist();
    }
}
