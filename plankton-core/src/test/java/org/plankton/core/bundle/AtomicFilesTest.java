package org.plankton.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReplaces() throws IOException {
        Path f = dir.resolve("sub/out.csv");
        AtomicFiles.writeString(f, "a,b\n");
        AtomicFiles.writeString(f, "c,d\n");
        assertThat(f).hasContent("c,d");
        AtomicFiles.write(f, "é".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(f)).isEqualTo("é");
    }

    @Test
    void failureKeepsOldContentAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("out.csv");
        AtomicFiles.writeString(f, "old\n");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write("half a ro".getBytes(StandardCharsets.UTF_8));
            throw new IOException("interrupted");
        })).hasMessage("interrupted");
        assertThat(Files.readString(f)).isEqualTo("old\n");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).containsExactly(f);
        }
    }
}
