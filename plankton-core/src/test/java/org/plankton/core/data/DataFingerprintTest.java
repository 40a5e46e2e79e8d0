package org.plankton.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFingerprintTest {

    @TempDir
    Path dir;

    private List<Sample> dataset(Path root, String bContent) throws IOException {
        Files.createDirectories(root.resolve("x"));
        Files.createDirectories(root.resolve("y"));
        Files.writeString(root.resolve("x/a.jpg"), "aaa");
        Files.writeString(root.resolve("y/b.jpg"), bContent);
        return List.of(new Sample(root.resolve("x/a.jpg"), 0), new Sample(root.resolve("y/b.jpg"), 1));
    }

    @Test
    void sameDataInAnotherFolderAndOrderGivesSameFingerprint() throws IOException {
        ClassList classes = ClassList.of(List.of("x", "y"));
        List<Sample> one = dataset(dir.resolve("one"), "bb");
        List<Sample> two = dataset(dir.resolve("elsewhere/two"), "bb");
        String f = DataFingerprint.of(one, classes);
        assertThat(f).matches("[0-9a-f]{64}");
        assertThat(DataFingerprint.of(List.of(two.get(1), two.get(0)), classes)).isEqualTo(f);
    }

    @Test
    void sizeLabelAndClassListChangesChangeTheFingerprint() throws IOException {
        ClassList classes = ClassList.of(List.of("x", "y"));
        String base = DataFingerprint.of(dataset(dir.resolve("one"), "bb"), classes);
        List<Sample> bigger = dataset(dir.resolve("two"), "bbb");
        assertThat(DataFingerprint.of(bigger, classes)).isNotEqualTo(base);
        List<Sample> same = dataset(dir.resolve("three"), "bb");
        assertThat(DataFingerprint.of(List.of(same.get(0), new Sample(same.get(1).path(), 0)), classes))
                .isNotEqualTo(base);
        assertThat(DataFingerprint.of(same, ClassList.of(List.of("x", "y", "z")))).isNotEqualTo(base);
    }
}
