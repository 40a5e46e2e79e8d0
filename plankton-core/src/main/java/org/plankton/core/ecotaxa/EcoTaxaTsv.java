package org.plankton.core.ecotaxa;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses one EcoTaxa TSV (shared/docs/ecotaxa-format.md sections 3, 4 and 13): TAB separated,
 * {@code "}-quoted cells (EcoTaxa's own exports quote every text cell, header included), LF, CRLF or
 * CR line ends, header names trimmed and lowercased, and a second row of {@code [t]/[f]} markers
 * that is present in import files and some exports only, so it is detected rather than assumed.
 */
public final class EcoTaxaTsv {

    public static final String OBJECT_ID = "object_id";
    public static final String IMG_FILE_NAME = "img_file_name";
    public static final String CATEGORY = "object_annotation_category";
    public static final String STATUS = "object_annotation_status";
    public static final String HIERARCHY = "object_annotation_hierarchy";
    /** Without these a row cannot become a labelled image. */
    public static final List<String> REQUIRED = List.of(IMG_FILE_NAME, OBJECT_ID, CATEGORY, STATUS);

    /** The rows that parsed, and the rows that did not, each with its reason. */
    public record Parsed(List<EcoTaxaRow> rows, List<ImportProblem> problems) {
    }

    private EcoTaxaTsv() {
    }

    /** Whether a file (by its base name) is a TSV EcoTaxa would read: lowercase {@code ecotaxa} prefix, .tsv or .txt. */
    public static boolean isTsvName(String baseName) {
        return baseName.startsWith("ecotaxa") && (baseName.endsWith(".tsv") || baseName.endsWith(".txt"));
    }

    /** @param tsv the file's path inside the export, for messages */
    public static Parsed parse(String tsv, byte[] content) throws EcoTaxaFormatException {
        List<List<String>> records = records(decode(content));
        if (records.isEmpty()) {
            throw new EcoTaxaFormatException(tsv + ": empty file (expected a header row)");
        }
        Map<String, Integer> col = new HashMap<>();
        List<String> header = records.get(0);
        for (int i = 0; i < header.size(); i++) {
            col.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        for (String required : REQUIRED) {
            if (!col.containsKey(required)) {
                throw new EcoTaxaFormatException(tsv + ": missing column '" + required + "' (an import needs "
                        + String.join(", ", REQUIRED) + ")");
            }
        }
        int first = records.size() > 1 && isTypeRow(records.get(1)) ? 2 : 1;
        List<EcoTaxaRow> rows = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        for (int r = first; r < records.size(); r++) {
            List<String> rec = records.get(r);
            if (rec.stream().allMatch(String::isBlank)) {
                continue; // a trailing blank line is not an object
            }
            int line = r + 1;
            String id = cell(rec, col.get(OBJECT_ID));
            String img = cell(rec, col.get(IMG_FILE_NAME));
            String category = cell(rec, col.get(CATEGORY));
            String rawStatus = cell(rec, col.get(STATUS));
            String hierarchy = col.containsKey(HIERARCHY) ? cell(rec, col.get(HIERARCHY)) : "";
            String where = tsv + " line " + line;
            Optional<AnnotationStatus> status = AnnotationStatus.parse(rawStatus);
            if (id.isEmpty()) {
                problems.add(new ImportProblem(where, "", category, "missing object_id"));
            } else if (img.isEmpty()) {
                problems.add(new ImportProblem(where, id, category, "missing img_file_name"));
            } else if (status.isEmpty()) {
                problems.add(new ImportProblem(where, id, category, "invalid annotation status '" + rawStatus
                        + "' (expected validated, predicted, dubious or empty)"));
            } else if (status.get() != AnnotationStatus.UNCLASSIFIED && category.isEmpty()) {
                problems.add(new ImportProblem(where, id, "", "status '" + rawStatus + "' without a category"));
            } else {
                rows.add(new EcoTaxaRow(tsv, line, id, img, category, status.get(), hierarchy));
            }
        }
        return new Parsed(rows, problems);
    }

    /**
     * A UTF-8 BOM means UTF-8 (what EcoTaxa and our exporter write). Without one, EcoTaxa reads
     * Latin-1, which garbles UTF-8 written by tools that skip the BOM; valid UTF-8 is therefore
     * taken as UTF-8 and only the rest as Latin-1.
     */
    static String decode(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
    }

    /** Row 2 is a type row when every cell is a marker like {@code [t]} (EcoTaxa's own tests also use {@code [n]}). */
    static boolean isTypeRow(List<String> rec) {
        return rec.stream().allMatch(c -> c.strip().matches("\\[[a-zA-Z]]"));
    }

    private static String cell(List<String> rec, int i) {
        return i < rec.size() ? rec.get(i).strip() : "";
    }

    /** Splits into records of cells, as Python's csv reader with TAB and {@code "} does. */
    static List<List<String>> records(String s) {
        List<List<String>> out = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
                any = true;
            } else if (c == '\t') {
                rec.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                rec.add(cell.toString());
                out.add(rec);
                rec = new ArrayList<>();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(c);
                any = true;
            }
        }
        if (any || !cell.isEmpty()) {
            rec.add(cell.toString());
            out.add(rec);
        }
        return out;
    }
}
