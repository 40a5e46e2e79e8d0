package org.plankton.core.ecotaxa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcoTaxaImporterTest {

    @TempDir
    Path tmp;

    private static ImportReport importInto(Path in, Path out, ImportOptions o) throws Exception {
        return new EcoTaxaImporter(Optional.empty(), o).run(in, out);
    }

    private static List<String> tree(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    private TestExport mixed() throws Exception {
        return new TestExport()
                .tsv("s1/ecotaxa_s1.tsv", List.of(
                        List.of("images/a.png", "s1_a", "validated", "Copepoda", "Biota>Copepoda"),
                        List.of("images/b.png", "s1_b", "predicted", "Copepoda", "Biota>Copepoda"),
                        List.of("images/c.png", "s1_c", "dubious", "Oithona similis", "Biota>Oithona similis"),
                        List.of("images/d.png", "s1_d", "validated", "Oithona similis", "Biota>Oithona similis")))
                .entry("s1/images/a.png", TestExport.png(1)).entry("s1/images/b.png", TestExport.png(2))
                .entry("s1/images/c.png", TestExport.png(3)).entry("s1/images/d.png", TestExport.png(4));
    }

    @Test
    void onlyValidatedObjectsByDefaultFromAZipOrAFolder() throws Exception {
        Path zip = mixed().writeZip(tmp.resolve("export.zip"));
        ImportReport r = importInto(zip, tmp.resolve("out"), ImportOptions.validatedOnly());
        assertThat(tree(tmp.resolve("out"))).containsExactly("Copepoda/s1_a.png", "Oithona similis/s1_d.png",
                "import-report.csv");
        assertThat(r.summary("out/import-report.csv")).isEqualTo("2 images imported into 2 classes (validated only); "
                + "1 predicted and 1 dubious objects left out; 0 rows with errors (see out/import-report.csv)");
        assertThat(Files.readString(tmp.resolve("out/import-report.csv")).lines()).containsExactly(
                "kind,category,folder,rule,validated,predicted,dubious,written,source,object_id,message",
                "category,Copepoda,Copepoda,name,1,1,0,1,,,",
                "category,Oithona similis,Oithona similis,name,1,0,1,1,,,");
        // the same export unpacked, with dubious included
        Path folder = mixed().writeFolder(tmp.resolve("unpacked"));
        ImportReport d = importInto(folder, tmp.resolve("out2"), new ImportOptions(true, false, false));
        assertThat(d.imagesWritten()).isEqualTo(3);
        assertThat(tree(tmp.resolve("out2"))).contains("Oithona similis/s1_c.png");
        assertThat(tree(tmp)).noneMatch(p -> p.contains(".import-"));
    }

    @Test
    void missingNonImageDuplicateAndEscapingRowsAreReportedAndTheRestGoesOn() throws Exception {
        Path zip = new TestExport()
                .tsv("ecotaxa_x.tsv", List.of(
                        List.of("ok.png", "o1", "validated", "A", ""),
                        List.of("gone.png", "o2", "validated", "A", ""),
                        List.of("fake.png", "o3", "validated", "A", ""),
                        List.of("ok.png", "o1", "validated", "A", ""),
                        List.of("../evil.png", "o4", "validated", "A", "")))
                .entry("ok.png", TestExport.png(1))
                .entry("fake.png", "<html>not an image</html>".getBytes(StandardCharsets.UTF_8))
                .entry("../evil.png", TestExport.png(2))
                .writeZip(tmp.resolve("x.zip"));
        ImportReport r = importInto(zip, tmp.resolve("sub/out"), ImportOptions.validatedOnly());
        assertThat(tree(tmp.resolve("sub/out"))).containsExactly("A/o1.png", "import-report.csv");
        assertThat(r.problems()).extracting(ImportProblem::source, ImportProblem::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("../evil.png",
                        "zip entry refused: its path leaves the export or is not in plain form (zip slip)"),
                org.assertj.core.groups.Tuple.tuple("ecotaxa_x.tsv line 4", "missing image gone.png"),
                org.assertj.core.groups.Tuple.tuple("ecotaxa_x.tsv line 5", "not an image (by content): fake.png"),
                org.assertj.core.groups.Tuple.tuple("ecotaxa_x.tsv line 6",
                        "duplicate object_id (first at ecotaxa_x.tsv line 3); this row left out"),
                org.assertj.core.groups.Tuple.tuple("ecotaxa_x.tsv line 7",
                        "unsafe img_file_name '../evil.png': it leaves the export"));
        assertThat(r.summary("R")).contains("1 images imported into 1 classes").contains("5 rows with errors");
        assertThat(tmp.resolve("evil.png")).doesNotExist();
        assertThat(tmp.resolve("sub/evil.png")).doesNotExist();
        assertThat(Files.readString(tmp.resolve("sub/out/import-report.csv")))
                .contains("error,A,,,,,,,ecotaxa_x.tsv line 4,o2,missing image gone.png");
    }

    @Test
    void aMissingColumnFailsBeforeAnythingIsWritten() throws Exception {
        Path zip = new TestExport()
                .entry("ecotaxa_bad.tsv", "img_file_name\tobject_id\tobject_annotation_status\n".getBytes())
                .writeZip(tmp.resolve("bad.zip"));
        assertThatThrownBy(() -> importInto(zip, tmp.resolve("out"), ImportOptions.validatedOnly()))
                .isInstanceOf(EcoTaxaFormatException.class)
                .hasMessageStartingWith("ecotaxa_bad.tsv: missing column 'object_annotation_category'");
        assertThat(tmp.resolve("out")).doesNotExist();
        assertThat(tree(tmp)).containsExactly("bad.zip");
    }

    @Test
    void aNonEmptyOutputFolderIsRefusedUnlessForced() throws Exception {
        Path zip = mixed().writeZip(tmp.resolve("export.zip"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("old.txt"), "old");
        assertThatThrownBy(() -> importInto(zip, out, ImportOptions.validatedOnly()))
                .hasMessage(out + " exists and is not empty (use --force to replace it)");
        assertThat(out.resolve("old.txt")).exists();
        importInto(zip, out, new ImportOptions(false, false, true));
        assertThat(tree(out)).containsExactly("Copepoda/s1_a.png", "Oithona similis/s1_d.png", "import-report.csv");
        assertThat(tree(tmp)).noneMatch(p -> p.contains(".old-") || p.contains(".import-"));
    }

    @Test
    void anExportWithoutTsvIsOneClearError() throws Exception {
        Path zip = new TestExport().entry("table.tsv", "x".getBytes()).writeZip(tmp.resolve("t.zip"));
        assertThatThrownBy(() -> importInto(zip, tmp.resolve("out"), ImportOptions.validatedOnly()))
                .hasMessageContaining("no ecotaxa*.tsv or ecotaxa*.txt file");
    }
}
