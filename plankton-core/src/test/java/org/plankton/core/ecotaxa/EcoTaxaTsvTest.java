package org.plankton.core.ecotaxa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcoTaxaTsvTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsQuotedCellsMixedCaseHeadersAndDetectsTheTypeRow() throws Exception {
        String tsv = "\"IMG_File_Name\"\t\"object_id\"\t\"object_annotation_status\"\t\"object_annotation_category\"\n"
                + "\"[t]\"\t\"[t]\"\t\"[t]\"\t\"[t]\"\n"
                + "\"a.png\"\t\"o1\"\t\"Validated\"\t\"part<Annelida\"\n"
                + "b.png\to2\t\t\n";
        EcoTaxaTsv.Parsed p = EcoTaxaTsv.parse("ecotaxa_x.tsv", utf8(tsv));
        assertThat(p.problems()).isEmpty();
        assertThat(p.rows()).containsExactly(
                new EcoTaxaRow("ecotaxa_x.tsv", 3, "o1", "a.png", "part<Annelida", AnnotationStatus.VALIDATED, ""),
                new EcoTaxaRow("ecotaxa_x.tsv", 4, "o2", "b.png", "", AnnotationStatus.UNCLASSIFIED, ""));
    }

    @Test
    void withoutATypeRowTheSecondLineIsData() throws Exception {
        String tsv = "img_file_name\tobject_id\tobject_annotation_status\tobject_annotation_category\r\n"
                + "a.png\to1\tdubious\tCopepoda\r\n";
        assertThat(EcoTaxaTsv.parse("ecotaxa_x.tsv", utf8(tsv)).rows()).singleElement()
                .satisfies(r -> assertThat(r.line()).isEqualTo(2));
    }

    @Test
    void aMissingRequiredColumnNamesTheFileAndTheColumn() {
        String tsv = "img_file_name\tobject_id\tobject_annotation_category\n[t]\t[t]\t[t]\n";
        assertThatThrownBy(() -> EcoTaxaTsv.parse("s1/ecotaxa_s1.tsv", utf8(tsv)))
                .isInstanceOf(EcoTaxaFormatException.class)
                .hasMessageStartingWith("s1/ecotaxa_s1.tsv: missing column 'object_annotation_status'");
    }

    @Test
    void badRowsAreReportedAndTheRestIsKept() throws Exception {
        String tsv = "img_file_name\tobject_id\tobject_annotation_status\tobject_annotation_category\n"
                + "[t]\t[t]\t[t]\t[t]\n"
                + "a.png\t\tvalidated\tA\n"
                + "b.png\to2\tmaybe\tA\n"
                + "c.png\to3\tvalidated\t\n"
                + "d.png\to4\tvalidated\tA\n";
        EcoTaxaTsv.Parsed p = EcoTaxaTsv.parse("ecotaxa_x.tsv", utf8(tsv));
        assertThat(p.rows()).extracting(EcoTaxaRow::objectId).containsExactly("o4");
        assertThat(p.problems()).extracting(ImportProblem::message).containsExactly("missing object_id",
                "invalid annotation status 'maybe' (expected validated, predicted, dubious or empty)",
                "status 'validated' without a category");
    }

    @Test
    void utf8WithoutBomIsUtf8AndOtherBytesAreLatin1() {
        assertThat(EcoTaxaTsv.decode(utf8("Ceratium hirundinella é"))).isEqualTo("Ceratium hirundinella é");
        assertThat(EcoTaxaTsv.decode(new byte[] {'a', (byte) 0xE9})).isEqualTo("aé");
        assertThat(EcoTaxaTsv.records("a\t\"b\"\"c\td\"\nx")).containsExactly(List.of("a", "b\"c\td"), List.of("x"));
    }

    @Test
    void imageNamesAreResolvedFromTheTsvFolderAndMayNotEscape() {
        assertThat(ExportArchive.resolve("s1/ecotaxa_s1.tsv", "images/a.png")).contains("s1/images/a.png");
        assertThat(ExportArchive.resolve("ecotaxa.tsv", "./x/../a.png")).contains("a.png");
        assertThat(ExportArchive.resolve("s1/ecotaxa_s1.tsv", "../../etc/passwd")).isEmpty();
        assertThat(ExportArchive.resolve("ecotaxa.tsv", "/etc/passwd")).isEmpty();
    }

    @Test
    void folderNamesFollowTheDocumentedRule() {
        assertThat(FolderNames.sanitise("Oithona similis")).isEqualTo("Oithona similis");
        assertThat(FolderNames.sanitise("part<Annelida")).isEqualTo("part_Annelida");
        assertThat(FolderNames.sanitise("../../x")).isEqualTo("_.._x"); // no separator left, no leading dot
        assertThat(FolderNames.sanitise("..")).isEqualTo("unnamed");
        assertThat(FolderNames.sanitise("a/b\\c:d")).isEqualTo("a_b_c_d");
    }
}
