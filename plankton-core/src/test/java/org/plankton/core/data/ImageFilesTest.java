package org.plankton.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @TempDir
    Path dir;

    private Path touch(String rel) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x");
        return p;
    }

    @Test
    void walksFoldersRecursivelyKeepingImageExtensionsCaseInsensitively() throws IOException {
        Path b = touch("b.PNG");
        Path a = touch("sub/deeper/a.jpg");
        Path c = touch("c.Tiff");
        touch("notes.txt");
        touch(".hidden.jpg");
        touch(".git/x.jpg");

        assertThat(ImageFiles.list(List.of(dir))).containsExactly(b, c, a);
    }

    @Test
    void namedFileIsTakenWhateverItsExtensionAndDuplicatesCollapse() throws IOException {
        Path txt = touch("z/readme.txt");
        Path jpg = touch("z/one.jpeg");
        List<Path> files = ImageFiles.list(List.of(txt, dir.resolve("z"), jpg, dir.resolve("z/./one.jpeg")));
        assertThat(files).containsExactly(jpg, txt);
    }

    @Test
    void resultIsSortedByPathString() throws IOException {
        touch("B/1.jpg");
        touch("a/2.jpg");
        touch("a b/3.jpg");
        List<String> names = ImageFiles.list(List.of(dir)).stream().map(p -> dir.relativize(p).toString()).toList();
        assertThat(names).containsExactly("B/1.jpg", "a b/3.jpg", "a/2.jpg");
    }

    @Test
    void missingPathIsAnErrorNamingIt() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> ImageFiles.list(List.of(missing)))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void extensionCheck() {
        assertThat(ImageFiles.hasImageExtension(Path.of("x/Y.JPG"))).isTrue();
        assertThat(ImageFiles.hasImageExtension(Path.of("x/y.bmp"))).isTrue();
        assertThat(ImageFiles.hasImageExtension(Path.of("x/jpg"))).isFalse();
        assertThat(ImageFiles.hasImageExtension(Path.of("x/y.jpg.txt"))).isFalse();
    }
}
