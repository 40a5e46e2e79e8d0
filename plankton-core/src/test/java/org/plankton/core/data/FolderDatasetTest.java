package org.plankton.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderDatasetTest {

    @TempDir
    Path root;

    private Path touch(String rel) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "not really an image");
        return p;
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
    void filesInRootAndNonImagesAreReportedHiddenOnesIgnored() throws IOException {
        touch("a/1.jpg");
        Path stray = touch("stray.jpg");
        Path notes = touch("a/notes.txt");
        touch(".DS_Store");
        touch("a/.DS_Store");

        LabelledDataset ds = FolderDataset.read(root);

        assertThat(ds.samples()).hasSize(1);
        assertThat(ds.skipped()).extracting(SkippedFile::path).containsExactlyInAnyOrder(stray, notes);
        assertThat(ds.skipped()).filteredOn(s -> s.path().equals(stray))
                .singleElement().extracting(SkippedFile::reason).asString().contains("not inside a class folder");
        assertThat(ds.skipped()).filteredOn(s -> s.path().equals(notes))
                .singleElement().extracting(SkippedFile::reason).asString().contains("not an image");
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
                new SkippedFile(root.resolve("zeta"), "folder 'zeta' is not a class of the model"));
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
