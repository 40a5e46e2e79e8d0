package org.plankton.server.samples;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plankton.core.data.Csv;

/**
 * Sample metadata from a CSV, as a cruise log or a station sheet already holds it: a {@code sample}
 * column with the sample's name and any of {@link SampleMetadata#FIELDS} as further columns. Each
 * row updates the one sample of that name; an empty cell keeps the stored value (a CSV cannot
 * tell "clear" from "not given"). A bad row does not stop the others: every row gets its own
 * outcome, so a 300-station sheet with two typos needs two fixes, not a bisection.
 */
public final class MetadataImport {

    /** The column naming the sample. */
    public static final String SAMPLE_COLUMN = "sample";

    /** One row's outcome: {@code state} is {@code updated} or {@code error} (then {@code error} says why). */
    public record RowResult(int line, String sample, Long sampleId, String state, String error, String field) {

        static RowResult error(int line, String sample, String error, String field) {
            return new RowResult(line, sample, null, "error", error, field);
        }
    }

    private final SampleRepository samples;

    public MetadataImport(SampleRepository samples) {
        this.samples = samples;
    }

    /**
     * Applies every row. A file that cannot be read as such (no header, no {@value #SAMPLE_COLUMN}
     * column, an unknown column) is an {@link IllegalArgumentException} and nothing is changed.
     */
    public List<RowResult> apply(String csv) throws SQLException {
        List<Csv.Row> rows = Csv.parse(csv.startsWith("\uFEFF") ? csv.substring(1) : csv);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the metadata CSV is empty; it needs a header with '" + SAMPLE_COLUMN
                    + "' and any of " + String.join(", ", SampleMetadata.FIELDS));
        }
        List<String> header = rows.get(0).fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        if (!header.contains(SAMPLE_COLUMN)) {
            throw new IllegalArgumentException("the metadata CSV needs a '" + SAMPLE_COLUMN + "' column; header was "
                    + String.join(",", header));
        }
        for (String h : header) {
            if (!h.equals(SAMPLE_COLUMN) && !SampleMetadata.FIELDS.contains(h)) {
                throw new IllegalArgumentException("unknown column '" + h + "'; known: " + SAMPLE_COLUMN + ", "
                        + String.join(", ", SampleMetadata.FIELDS));
            }
        }
        int nameAt = header.indexOf(SAMPLE_COLUMN);
        List<RowResult> out = new ArrayList<>();
        for (Csv.Row r : rows.subList(1, rows.size())) {
            if (!r.isBlank()) {
                out.add(applyRow(header, nameAt, r));
            }
        }
        return out;
    }

    private RowResult applyRow(List<String> header, int nameAt, Csv.Row r) throws SQLException {
        List<String> f = r.fields();
        String name = nameAt < f.size() ? f.get(nameAt).strip() : "";
        if (f.size() != header.size()) {
            return RowResult.error(r.line(), name, "expected " + header.size() + " fields, got " + f.size(), null);
        }
        List<Sample> found = samples.findByName(name);
        if (found.size() != 1) {
            return RowResult.error(r.line(), name, found.isEmpty() ? "no sample named '" + name + "'"
                    : found.size() + " samples are named '" + name + "'; set these by id (PATCH /api/samples/{id})",
                    SAMPLE_COLUMN);
        }
        Sample s = found.get(0);
        SampleMetadata m = s.metadata();
        for (int k = 0; k < header.size(); k++) {
            String field = header.get(k);
            String cell = f.get(k).strip();
            if (k == nameAt || cell.isEmpty()) {
                continue;
            }
            try {
                m = m.with(field, SampleMetadata.TEXT_FIELDS.contains(field) ? cell : number(field, cell));
            } catch (SampleMetadata.InvalidMetadata e) {
                return RowResult.error(r.line(), name, e.getMessage(), e.field());
            } catch (NumberFormatException e) {
                return RowResult.error(r.line(), name, field + " must be a number (decimal point), got '" + cell + "'",
                        field);
            }
        }
        samples.updateMetadata(s.id(), m);
        return new RowResult(r.line(), name, s.id(), "updated", null, null);
    }

    private static Double number(String field, String cell) {
        // plain decimals only: Double.parseDouble would also take "NaN", "Infinity", "1d" and hex
        if (!cell.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
            throw new NumberFormatException(field);
        }
        return Double.parseDouble(cell);
    }
}
