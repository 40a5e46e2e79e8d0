package org.plankton.server.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.plankton.core.image.GrayImage;
import org.plankton.server.TestModel;

/**
 * The server classifies on ONNX Runtime by default and then never loads libtorch: checked in a JVM of its
 * own (this test JVM trained the test model, so libtorch is already mapped here), by reading which native
 * libraries that process has mapped after a prediction. That JVM gets a 10,000-character command line, as
 * launchers that spell out the class path give it: loaded on the calling thread, ONNX Runtime 1.29 dies
 * there with SIGSEGV (see OrtRuntime in plankton-onnx).
 */
class SlimRuntimeTest {

    @Test
    void defaultEngineServesWithoutLibtorch() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "skipped: needs Linux /proc to list mapped libraries");
        Path model = TestModel.model();
        List<String> out = runProbe(model);
        assertThat(out).contains("engine=onnx");
        assertThat(out).anyMatch(l -> l.startsWith("top="));
        assertThat(out).anyMatch(l -> l.contains("onnxruntime"));
        assertThat(out).noneMatch(l -> l.contains("libtorch"));
    }

    private static List<String> runProbe(Path model) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile("slim-probe", ".txt");
        Process p = new ProcessBuilder(java, "-Xmx512m", "-Dplankton.test.padding=" + "x".repeat(10_000),
                "-cp", System.getProperty("java.class.path"),
                Probe.class.getName(), model.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("probe finished").isTrue();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    /** The child process: load the model as {@code serve} does, classify one image, list the mapped libraries. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            try (ModelService service = ModelService.load(Path.of(args[0]))) {
                byte[] pixels = new byte[40 * 30];
                java.util.Arrays.fill(pixels, (byte) 200);
                pixels[15 * 40 + 20] = 10; // one dark pixel: an "organism" on a white background
                GrayImage image = new GrayImage(40, 30, pixels);
                Prediction p = service.predict(List.of(image)).get(0);
                System.out.println("engine=" + service.describe().get("engine"));
                System.out.println("top=" + p.probabilities().length);
                for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                    int slash = line.indexOf(File.separatorChar);
                    if (slash >= 0 && line.contains(".so")) {
                        System.out.println("mapped " + line.substring(slash));
                    }
                }
            }
        }
    }
}
