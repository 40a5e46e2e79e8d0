package org.plankton.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output replacement on the local file system, including recovery from a run killed mid-commit. */
class OutputFolderTest {

    @TempDir
    Path dir;

    private static Path result(Path folder, String content, long modified) throws Exception {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("data.txt"), content);
        Path marker = Files.writeString(folder.resolve(OutputFolder.MARKER), "{}");
        Files.setLastModifiedTime(marker, FileTime.fromMillis(modified));
        return folder;
    }

    private String[] hiddenSiblings() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toArray(String[]::new);
        }
    }

    @Test
    void commitReplacesThePreviousResult() throws Exception {
        Path out = result(dir.resolve("out"), "old", 1_000);
        OutputFolder folder = OutputFolder.prepare(out.toString(), new Configuration());
        result(Path.of(folder.temp().toUri()), "new", 2_000);
        folder.commit();
        assertThat(out.resolve("data.txt")).hasContent("new");
        assertThat(hiddenSiblings()).isEmpty();
    }

    @Test
    void aRunKilledBetweenTheTwoRenamesLosesNothing() throws Exception {
        // The state a kill inside commit() leaves: no out/, the previous result moved aside, the new one complete.
        result(dir.resolve(".out.old-1"), "previous", 1_000);
        result(dir.resolve(".out.tmp-2"), "complete new", 2_000);
        Files.createDirectories(dir.resolve(".out.tmp-3")); // a run killed while writing: no marker
        OutputFolder.prepare(dir.resolve("out").toString(), new Configuration());
        assertThat(dir.resolve("out/data.txt")).hasContent("complete new");
        assertThat(hiddenSiblings()).isEmpty();
    }

    @Test
    void withoutACompleteNewResultThePreviousOneComesBack() throws Exception {
        result(dir.resolve(".out.old-1"), "previous", 1_000);
        Files.createDirectories(dir.resolve(".out.tmp-2"));
        Files.writeString(dir.resolve(".out.tmp-2/part-0"), "half written");
        OutputFolder.prepare(dir.resolve("out").toString(), new Configuration());
        assertThat(dir.resolve("out/data.txt")).hasContent("previous");
        assertThat(hiddenSiblings()).isEmpty();
    }

    @Test
    void leftoversBesideAnIntactResultAreRemovedAndTheResultKept() throws Exception {
        result(dir.resolve("out"), "current", 3_000);
        result(dir.resolve(".out.old-1"), "previous", 1_000);
        Files.createDirectories(dir.resolve(".out.tmp-2"));
        OutputFolder.prepare(dir.resolve("out").toString(), new Configuration());
        assertThat(dir.resolve("out/data.txt")).hasContent("current");
        assertThat(hiddenSiblings()).isEmpty();
    }

    @Test
    void aFolderThatIsNotOursIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("thesis"));
        Files.writeString(dir.resolve("thesis/chapter1.tex"), "x");
        assertThatThrownBy(() -> OutputFolder.prepare(dir.resolve("thesis").toString(), new Configuration()))
                .hasMessageContaining("refusing to replace");
        assertThat(dir.resolve("thesis/chapter1.tex")).exists();
    }
}
