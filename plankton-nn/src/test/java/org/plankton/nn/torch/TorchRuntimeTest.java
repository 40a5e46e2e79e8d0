package org.plankton.nn.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TorchRuntimeTest {

    @Test
    void loadsOnceWithTheThreadCountDjlIsGivenAndNoCuda() throws IOException {
        TorchRuntime.Info info = TorchRuntime.ensureLoaded();
        assertThat(TorchRuntime.ensureLoaded()).isSameAs(info);
        String configured = System.getProperty("ai.djl.pytorch.num_threads");
        int expected = configured != null ? Integer.parseInt(configured) : Runtime.getRuntime().availableProcessors();
        assertThat(info.threads()).isEqualTo(expected);
        assertThat(info.version()).isEqualTo("2.10.0");
        // No CUDA library was pre-loaded: only the CPU platform of the presets matched.
        assertThat(System.getProperty(TorchRuntime.EXTENSION_PROPERTY)).isEmpty();
        Path maps = Path.of("/proc/self/maps");
        if (java.nio.file.Files.isReadable(maps)) {
            assertThat(java.nio.file.Files.readString(maps)).doesNotContain("libcudart").doesNotContain("libcupti");
        }
    }

    /** The answer to "can DJL's libtorch 2.7.1 and JavaCPP's 2.10 share a JVM?": no, in either order. */
    @Test
    void theTwoEnginesCannotShareAProcessAndTheSecondIsRefusedCleanly() throws IOException, InterruptedException {
        String djlFirst = child("djl-first");
        assertThat(djlFirst).contains("DJL: 2.0")
                .contains("JAVACPP REFUSED: cannot load JavaCPP libtorch: another libtorch is already loaded");
        String torchFirst = child("torch-first");
        assertThat(torchFirst).contains("JAVACPP: Info[").contains("DJL FAILED").contains("UnsatisfiedLinkError");
    }

    private static String child(String order) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                "-cp", System.getProperty("java.class.path"), LoadOrder.class.getName(), order)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
