package org.plankton.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.data.SkippedFile.Kind;
import org.plankton.core.testing.SyntheticPlankton;

class FolderDatasetTest {

    @TempDir
    Path root;

    /** An image (PNG content, whatever the name says). */
    private Path touch(String rel) throws IOException {
        return SyntheticPlankton.writeImage(root.resolve(rel), "png", rel.hashCode());
    }

    private Path text(String rel) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "not really an image");
    }

    @Test
    void classesAreSortedFolderNamesAndSamplesCarryTheirIndex() throws IOException {
        Path t1 = touch("trichodesmium_puff/1.jpg");
        Path c1 = touch("copepod_calanoid/9.jpg");
        Path c2 = touch("copepod_calanoid/nested/2.jpg");
        Path a1 = touch("acantharia_protist/5.jpg");
        Files.createDirectories(root.resolve("empty_class"));

        LabelledDataset ds = FolderDataset.read(root);

        assertThat(ds.classes().names())
                .containsExactly("acantharia_protist", "copepod_calanoid", "empty_class", "trichodesmium_puff");
        assertThat(ds.samples()).containsExactly(
                new Sample(a1, 0), new Sample(c1, 1), new Sample(c2, 1), new Sample(t1, 3));
        assertThat(ds.skipped()).isEmpty();
    }

    @Test
    void filesInRootNonImagesAndHiddenOnesAreReportedWithTheirKind() throws IOException {
        Path image = touch("a/1.jpg");
        Path noExtension = touch("a/2");
        Path stray = touch("stray.jpg");
        Path rootNotes = text("README.txt");
        Path notes = text("a/notes.jpg");
        Path dsStore = text(".DS_Store");
        Path innerDsStore = text("a/.DS_Store");

        LabelledDataset ds = FolderDataset.read(root);

        assertThat(ds.classes().names()).containsExactly("a");
        assertThat(ds.samples()).containsExactly(new Sample(image, 0), new Sample(noExtension, 0));
        assertThat(ds.skipped()).extracting(SkippedFile::path)
                .containsExactlyInAnyOrder(stray, rootNotes, notes, dsStore, innerDsStore);
        assertThat(kindOf(ds, stray)).isEqualTo(Kind.UNUSED);
        assertThat(reasonOf(ds, stray)).contains("not inside a class folder");
        assertThat(kindOf(ds, rootNotes)).isEqualTo(Kind.NOT_IMAGE);
        assertThat(kindOf(ds, notes)).isEqualTo(Kind.NOT_IMAGE);
        assertThat(reasonOf(ds, notes)).contains("not an image");
        assertThat(kindOf(ds, dsStore)).isEqualTo(Kind.HIDDEN);
        assertThat(kindOf(ds, innerDsStore)).isEqualTo(Kind.HIDDEN);
        assertThat(SkipCounts.of(ds.skipped())).isEqualTo(new SkipCounts(0, 2, 2, 1));
    }

    @Test
    void brokenLinksInClassFoldersAreReportedAndTheRestIsRead() throws IOException {
        Path image = touch("a/1.png");
        Path broken = Files.createSymbolicLink(root.resolve("a/2.png"), root.resolve("a/gone.png"));

        LabelledDataset ds = FolderDataset.read(root);

        assertThat(ds.samples()).containsExactly(new Sample(image, 0));
        assertThat(kindOf(ds, broken)).isEqualTo(Kind.UNREADABLE);
        assertThat(reasonOf(ds, broken)).contains("broken symbolic link");
    }

    private static Kind kindOf(LabelledDataset ds, Path p) {
        return ds.skipped().stream().filter(s -> s.path().equals(p)).findFirst().orElseThrow().kind();
    }

    private static String reasonOf(LabelledDataset ds, Path p) {
        return ds.skipped().stream().filter(s -> s.path().equals(p)).findFirst().orElseThrow().reason();
    }

    @Test
    void modelClassOverloadUsesModelIndicesAndReportsForeignFolders() throws IOException {
        Path b = touch("beta/1.jpg");
        Path d = touch("delta/1.jpg");
        touch("zeta/1.jpg");
        touch("zeta/2.jpg");
        ClassList model = ClassList.ordered(List.of("delta", "alpha", "beta"));

        LabelledDataset ds = FolderDataset.read(root, model);

        assertThat(ds.classes()).isEqualTo(model);
        assertThat(ds.samples()).containsExactly(new Sample(b, 2), new Sample(d, 0));
        assertThat(ds.skipped()).containsExactly(
                new SkippedFile(root.resolve("zeta"), Kind.UNUSED, "folder 'zeta' is not a class of the model"));
    }

    @Test
    void rootWithoutClassFoldersOrMissingRootIsAnError() throws IOException {
        touch("x.jpg");
        assertThatThrownBy(() -> FolderDataset.read(root))
                .isInstanceOf(IOException.class).hasMessageContaining("no class folders");
        assertThatThrownBy(() -> FolderDataset.read(root.resolve("missing")))
                .isInstanceOf(IOException.class).hasMessageContaining("missing");
    }
}
