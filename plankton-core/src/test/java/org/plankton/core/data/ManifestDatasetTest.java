package org.plankton.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.data.SkippedFile.Kind;
import org.plankton.core.testing.SyntheticPlankton;

class ManifestDatasetTest {

    @TempDir
    Path dir;

    /** An image (PNG content, whatever the name says). */
    private Path touch(String rel) throws IOException {
        return SyntheticPlankton.writeImage(dir.resolve(rel), "png", rel.hashCode());
    }

    private Path manifest(String text) throws IOException {
        Path csv = dir.resolve("manifest.csv");
        Files.writeString(csv, text, StandardCharsets.UTF_8);
        return csv;
    }

    @Test
    void readsRelativeAbsoluteAndQuotedPathsWithBomAndCrlf() throws IOException {
        Path a = touch("img/a.jpg");
        Path comma = touch("img/with, comma.jpg");
        Path abs = touch("elsewhere/b.png");
        Path csv = manifest("\uFEFFpath,label\r\n"
                + "img/a.jpg,shrimp\r\n"
                + "\"img/with, comma.jpg\",\"copepod, calanoid\"\r\n"
                + abs.toAbsolutePath() + ",shrimp\r\n"
                + "\r\n");

        LabelledDataset ds = ManifestDataset.read(csv);

        assertThat(ds.classes().names()).containsExactly("copepod, calanoid", "shrimp");
        assertThat(ds.samples()).containsExactly(new Sample(a, 1), new Sample(comma, 0), new Sample(abs, 1));
        assertThat(ds.skipped()).isEmpty();
    }

    @Test
    void missingFilesAndBadRowsAreSkippedWithLineNumbers() throws IOException {
        Path ok = touch("ok.jpg");
        Path csv = manifest("label,extra,path\n"
                + "fish,1,ok.jpg\n"
                + "fish,2,gone.jpg\n"
                + "onlyone\n"
                + "fish,3,\n"
                + ",4,ok.jpg\n"
                + "fish,5,ok.jpg\n");

        LabelledDataset ds = ManifestDataset.read(csv);

        assertThat(ds.samples()).containsExactly(new Sample(ok, 0));
        assertThat(ds.skipped()).extracting(SkippedFile::reason).containsExactly(
                "line 4: expected at least 3 fields, got 1",
                "line 5: empty path",
                "line 6: empty label",
                "line 3: file not found",
                "line 7: duplicate of line 2");
        assertThat(ds.skipped().get(3).path()).isEqualTo(dir.resolve("gone.jpg"));
        assertThat(ds.skipped()).extracting(SkippedFile::kind).containsExactly(
                Kind.UNUSED, Kind.UNUSED, Kind.UNUSED, Kind.UNREADABLE, Kind.UNUSED);
    }

    @Test
    void rowsNamingNonImagesOrBrokenLinksAreSkippedByContentNotName() throws IOException {
        Path noExtension = touch("img/a");
        Files.writeString(dir.resolve("img/b.png"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Files.createSymbolicLink(dir.resolve("img/c.png"), dir.resolve("img/nowhere.png"));
        Path csv = manifest("path,label\nimg/a,fish\nimg/b.png,fish\nimg/c.png,fish\n");

        LabelledDataset ds = ManifestDataset.read(csv);

        assertThat(ds.samples()).containsExactly(new Sample(noExtension, 0));
        assertThat(ds.skipped()).extracting(SkippedFile::kind).containsExactly(Kind.NOT_IMAGE, Kind.UNREADABLE);
        assertThat(ds.skipped().get(0).reason()).startsWith("line 3: not an image").contains("<svg");
        assertThat(ds.skipped().get(1).reason()).startsWith("line 4: broken symbolic link");
    }

    @Test
    void classListKeepsLabelsOfMissingFiles() throws IOException {
        touch("a.jpg");
        Path csv = manifest("path,label\na.jpg,zebra\nmissing.jpg,aardvark\n");
        assertThat(ManifestDataset.read(csv).classes().names()).containsExactly("aardvark", "zebra");
    }

    @Test
    void modelClassOverloadSkipsUnknownLabels() throws IOException {
        Path a = touch("a.jpg");
        Path b = touch("b.jpg");
        Path csv = manifest("path,label\na.jpg,beta\nb.jpg,unicorn\n");
        ClassList model = ClassList.ordered(List.of("beta", "alpha"));

        LabelledDataset ds = ManifestDataset.read(csv, model);

        assertThat(ds.classes()).isEqualTo(model);
        assertThat(ds.samples()).containsExactly(new Sample(a, 0));
        assertThat(ds.skipped()).containsExactly(
                new SkippedFile(b, Kind.UNUSED, "line 3: label 'unicorn' is not a class of the model"));
    }

    @Test
    void badHeaderIsAnErrorNamingTheFile() throws IOException {
        Path csv = manifest("file,class\na.jpg,x\n");
        assertThatThrownBy(() -> ManifestDataset.read(csv))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(csv.toString())
                .hasMessageContaining("'path' and 'label'");
    }

    @Test
    void csvParserHandlesQuotesAndMultilineFields() {
        List<Csv.Row> rows = Csv.parse("a,\"b \"\"q\"\"\",c\n\"x\ny\",z\n\"open");
        assertThat(rows).extracting(Csv.Row::fields).containsExactly(
                List.of("a", "b \"q\"", "c"), List.of("x\ny", "z"), List.of("open"));
        assertThat(rows).extracting(Csv.Row::line).containsExactly(1, 2, 4);
        assertThat(rows.get(2).unterminated()).isTrue();
        assertThat(Csv.line(List.of("plain", "a,b", "say \"hi\"", " pad"))).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\" pad\"");
    }
}
