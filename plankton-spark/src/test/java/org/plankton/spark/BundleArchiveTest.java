package org.plankton.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleArchiveTest {

    @TempDir
    Path tmp;

    @Test
    void packAndUnpackKeepEveryFileIncludingSubfolders() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bundle"));
        Files.writeString(dir.resolve("classes.txt"), "a\nb\n");
        Files.createDirectories(dir.resolve("members/0"));
        Files.write(dir.resolve("members/0/weights.params"), new byte[] {1, 2, 3});
        Path zip = tmp.resolve("b.zip");
        BundleArchive.pack(dir, zip);

        Path out = BundleArchive.unpackOnce(zip, tmp.resolve("unpacked"));
        assertThat(out.resolve("classes.txt")).hasContent("a\nb\n");
        assertThat(Files.readAllBytes(out.resolve("members/0/weights.params"))).containsExactly(1, 2, 3);
        assertThat(BundleArchive.contentHash(out)).isEqualTo(BundleArchive.contentHash(dir));
        // a second call finds it there and leaves no temporary folders behind
        assertThat(BundleArchive.unpackOnce(zip, tmp.resolve("unpacked"))).isEqualTo(out);
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("bundle", "b.zip", "unpacked");
        }
    }

    /** A standalone worker's SparkFiles.get spells the executor's folder with "/./": found on a real cluster. */
    @Test
    void unpacksIntoAFolderSpelledWithDotSegments() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bundle"));
        Files.writeString(dir.resolve("MODEL_CARD.md"), "card");
        Path zip = tmp.resolve("b.zip");
        BundleArchive.pack(dir, zip);
        Path work = Files.createDirectories(tmp.resolve("app-1/0"));
        Path out = BundleArchive.unpackOnce(zip, work.resolve(".").resolve("unpacked"));
        assertThat(out.resolve("MODEL_CARD.md")).hasContent("card");
    }

    @Test
    void hashChangesWithContent() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bundle"));
        Files.writeString(dir.resolve("weights.params"), "x");
        String before = BundleArchive.contentHash(dir);
        Files.writeString(dir.resolve("weights.params"), "y");
        assertThat(BundleArchive.contentHash(dir)).isNotEqualTo(before);
    }
}
