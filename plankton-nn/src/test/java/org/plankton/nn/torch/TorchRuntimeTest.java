package org.plankton.nn.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TorchRuntimeTest {

    @Test
    void loadsOnceWithTheConfiguredThreadCountAndNoCuda() throws IOException {
        TorchRuntime.Info info = TorchRuntime.ensureLoaded();
        assertThat(TorchRuntime.ensureLoaded()).isSameAs(info);
        String configured = System.getProperty(TorchRuntime.THREADS_PROPERTY);
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
}
