package org.plankton.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.data.SkippedFile.Kind;
import org.plankton.core.testing.SpecialFiles;
import org.plankton.core.testing.SyntheticPlankton;

class ImageFilesTest {

    @TempDir
    Path dir;

    private Path image(String rel) throws IOException {
        return SyntheticPlankton.writeImage(dir.resolve(rel), "png", rel.hashCode());
    }

    private Path text(String rel, String content) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }

    private ImageListing list() throws IOException {
        return ImageFiles.list(List.of(dir));
    }

    private static SkippedFile only(ImageListing l, Path path) {
        return l.skipped().stream().filter(s -> s.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " not among the skipped: " + l.skipped()));
    }

    @Test
    void imagesAreRecognisedByContentWhateverTheirNames() throws IOException {
        Path png = image("b.PNG");
        Path jpeg = SyntheticPlankton.writeImage(dir.resolve("sub/deeper/a.jpg"), "jpeg", 1);
        Path tiff = SyntheticPlankton.writeImage(dir.resolve("c.Tiff"), "tiff", 2);
        Path gif = SyntheticPlankton.writeImage(dir.resolve("d.gif"), "gif", 3);
        Path bmp = SyntheticPlankton.writeImage(dir.resolve("e.bmp"), "bmp", 4);
        Path noExtension = image("camera-0001");
        Path wrongExtension = image("f.txt");
        Path lies = text("sub/notes.jpg", "hello, I am not a JPEG");

        ImageListing l = list();

        assertThat(l.images()).containsExactly(png, tiff, noExtension, gif, bmp, wrongExtension, jpeg);
        assertThat(l.skipped()).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo(lies);
            assertThat(s.kind()).isEqualTo(Kind.NOT_IMAGE);
            assertThat(s.reason()).startsWith("not an image").contains("hello, I am not a JPEG");
        });
    }

    @Test
    void svgTextHtmlAndEmptyFilesAreListedAsNotImagesWithWhatTheyAre() throws IOException {
        image("ok.png");
        Path svg = text("drawing.svg", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Path txt = text("readme", "plankton from station 12");
        Path html = text("page.png", "<!DOCTYPE html><html></html>");
        Path empty = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        Path zip = Files.write(dir.resolve("archive.tif"), new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0});

        ImageListing l = list();

        assertThat(l.images()).containsExactly(dir.resolve("ok.png"));
        assertThat(l.skipped()).extracting(SkippedFile::path).containsExactly(zip, svg, empty, html, txt);
        assertThat(l.skipped()).allSatisfy(s -> assertThat(s.kind()).isEqualTo(Kind.NOT_IMAGE));
        assertThat(only(l, svg).reason()).contains("text starting \"<?xml version=\"1.0\"?> <svg xmlns=");
        assertThat(only(l, html).reason()).contains("<!DOCTYPE html>");
        assertThat(only(l, empty).reason()).isEqualTo("not an image: empty file (0 bytes)");
        assertThat(only(l, zip).reason()).contains("binary data starting 50 4b 03 04");
        assertThat(only(l, txt).reason()).contains("JPEG, PNG, GIF, BMP or TIFF");
        assertThat(l.counts()).isEqualTo(new SkipCounts(0, 5, 0, 0));
    }

    @Test
    void hiddenFilesAndFoldersAreCountedNotSearched() throws IOException {
        Path visible = image("a.png");
        Path hiddenFile = image(".b.png");
        image(".git/objects/c.png");
        text(".git/config", "[core]");

        ImageListing l = list();

        assertThat(l.images()).containsExactly(visible);
        assertThat(l.skipped()).extracting(SkippedFile::path).containsExactly(hiddenFile, dir.resolve(".git"));
        assertThat(l.skipped()).allSatisfy(s -> assertThat(s.kind()).isEqualTo(Kind.HIDDEN));
        assertThat(l.counts().describe()).isEqualTo("0 unreadable, 0 skipped as not images, 2 hidden or own output files skipped");
    }

    @Test
    void ownOutputsInsideTheInputAreSkippedAsSuch() throws IOException {
        Path img = image("a.png");
        Path csv = text("pred.csv", "image,x\n");
        Path errors = text("pred.csv.errors.csv", "image,error\n");
        Path part = text("other.csv.part", "image,x\n");

        ImageListing l = ImageFiles.list(List.of(dir), List.of(csv, dir.resolve("./pred.csv.errors.csv")));

        assertThat(l.images()).containsExactly(img);
        assertThat(l.skipped()).extracting(SkippedFile::path).containsExactly(part, csv, errors);
        assertThat(l.skipped()).allSatisfy(s -> assertThat(s.kind()).isEqualTo(Kind.OWN_OUTPUT));
    }

    @Test
    void brokenSymbolicLinkIsUnreadable() throws IOException {
        Path img = image("a.png");
        Path link = Files.createSymbolicLink(dir.resolve("b.png"), dir.resolve("gone.png"));
        Path good = Files.createSymbolicLink(dir.resolve("c.png"), img);

        ImageListing l = list();

        assertThat(l.images()).containsExactly(img, good);
        assertThat(only(l, link).kind()).isEqualTo(Kind.UNREADABLE);
        assertThat(only(l, link).reason()).startsWith("broken symbolic link").contains("gone.png");
    }

    @Test
    void symbolicLinkLoopsAreUnreadableAndDoNotStopTheWalk() throws IOException {
        Path img = image("sub/a.png");
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        Path up = Files.createSymbolicLink(dir.resolve("sub/up"), dir); // a folder link back to an ancestor

        ImageListing l = list();

        assertThat(l.images()).containsExactly(img);
        assertThat(l.skipped()).extracting(SkippedFile::path).containsExactly(a, b, up);
        assertThat(l.skipped()).allSatisfy(s -> {
            assertThat(s.kind()).isEqualTo(Kind.UNREADABLE);
            assertThat(s.reason()).contains("loop");
        });
    }

    @Test
    void filesAndFoldersWithoutReadPermissionAreUnreadableAndTheWalkGoesOn() throws IOException {
        Path img = image("a.png");
        Path locked = image("locked.png");
        Path lockedDir = Files.createDirectories(dir.resolve("private"));
        image("private/inside.png");
        try {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
            Files.setPosixFilePermissions(lockedDir, PosixFilePermissions.fromString("---------"));
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "file system without POSIX permissions: cannot make an unreadable file");
        }
        try {
            assumeFalse(Files.isReadable(locked), "running as root (or with CAP_DAC_OVERRIDE): a file with mode 000 "
                    + "is still readable, so the permission-denied case cannot be set up here");

            ImageListing l = list();

            assertThat(l.images()).containsExactly(img);
            assertThat(l.skipped()).extracting(SkippedFile::path).containsExactly(locked, lockedDir);
            assertThat(only(l, locked).kind()).isEqualTo(Kind.UNREADABLE);
            assertThat(only(l, locked).reason()).contains("permission denied");
            assertThat(only(l, lockedDir).reason()).contains("permission denied");
        } finally {
            Files.setPosixFilePermissions(lockedDir, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS) // opening a FIFO would block: fail instead of hanging
    void namedPipeIsUnreadableAndNeverOpened() throws Exception {
        Path img = image("a.png");
        Path fifo = dir.resolve("pipe.png");
        assumeTrue(SpecialFiles.mkfifo(fifo), "mkfifo is not available here: no named pipe to test with");

        ImageListing l = list();

        assertThat(l.images()).containsExactly(img);
        assertThat(only(l, fifo).kind()).isEqualTo(Kind.UNREADABLE);
        assertThat(only(l, fifo).reason()).contains("named pipe");
    }

    @Test
    void namedFilesAreLookedAtEvenIfHiddenAndDuplicatesCollapse() throws IOException {
        Path txt = text("z/readme.txt", "words");
        Path jpg = image("z/one.jpeg");
        Path hidden = image("z/.hidden.png");
        ImageListing l = ImageFiles.list(List.of(txt, dir.resolve("z"), jpg, dir.resolve("z/./one.jpeg"), hidden));
        assertThat(l.images()).containsExactly(hidden, jpg);
        assertThat(l.skipped()).extracting(SkippedFile::path).containsExactly(txt);
    }

    @Test
    void resultIsSortedByPathString() throws IOException {
        image("B/1.jpg");
        image("a/2.jpg");
        image("a b/3.jpg");
        text("a/0.txt", "x");
        text("A/0.txt", "x");
        ImageListing l = list();
        assertThat(l.images()).extracting(p -> dir.relativize(p).toString()).containsExactly("B/1.jpg", "a b/3.jpg", "a/2.jpg");
        assertThat(l.skipped()).extracting(s -> dir.relativize(s.path()).toString()).containsExactly("A/0.txt", "a/0.txt");
    }

    @Test
    void missingPathIsAnErrorNamingIt() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> ImageFiles.list(List.of(missing)))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void checkOfOneNamedFile() throws IOException {
        assertThat(ImageFiles.check(image("a"))).isEmpty();
        assertThat(ImageFiles.check(dir.resolve("missing.png"))).get()
                .extracting(SkippedFile::kind, SkippedFile::reason).containsExactly(Kind.UNREADABLE, "file not found");
        assertThat(ImageFiles.check(text("t.png", "x"))).get().extracting(SkippedFile::kind).isEqualTo(Kind.NOT_IMAGE);
        assertThat(ImageFiles.check(dir)).get().extracting(SkippedFile::reason).isEqualTo("a folder, not a file");
    }
}
