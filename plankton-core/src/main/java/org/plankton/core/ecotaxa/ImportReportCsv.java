package org.plankton.core.ecotaxa;

import java.util.List;
import org.plankton.core.data.Csv;

/**
 * {@code import-report.csv} and the stderr table. One CSV holds both the per-category lines
 * ({@code kind=category}) and the rows left out ({@code kind=error}), so the summary line can
 * point at a single file; the {@code kind} column lets a spreadsheet filter either.
 */
public final class ImportReportCsv {

    public static final String FILE = "import-report.csv";
    static final List<String> HEADER = List.of("kind", "category", "folder", "rule", "validated", "predicted",
            "dubious", "written", "source", "object_id", "message");

    private ImportReportCsv() {
    }

    public static String format(ImportReport r) {
        StringBuilder b = new StringBuilder(Csv.line(HEADER)).append('\n');
        for (ImportReport.CategoryLine c : r.categories()) {
            CategoryMapping m = c.mapping();
            b.append(Csv.line(List.of("category", m.category(), m.folder(), m.rule().name().toLowerCase(),
                    Integer.toString(c.validated()), Integer.toString(c.predicted()), Integer.toString(c.dubious()),
                    Integer.toString(c.written()), "", "", m.note()))).append('\n');
        }
        for (ImportProblem p : r.problems()) {
            b.append(Csv.line(List.of("error", p.category(), "", "", "", "", "", "", p.source(), p.objectId(),
                    p.message()))).append('\n');
        }
        return b.toString();
    }

    /** The mapping as an aligned table for people (stderr). */
    public static String table(ImportReport r) {
        int w = "category".length();
        int f = "folder".length();
        for (ImportReport.CategoryLine c : r.categories()) {
            w = Math.max(w, c.mapping().category().length());
            f = Math.max(f, c.mapping().folder().length());
        }
        String fmt = "%-" + w + "s  %9s  %9s  %7s  %-" + f + "s  %-9s  %7s%n";
        StringBuilder b = new StringBuilder(String.format(fmt, "category", "validated", "predicted", "dubious",
                "folder", "rule", "written"));
        for (ImportReport.CategoryLine c : r.categories()) {
            CategoryMapping m = c.mapping();
            b.append(String.format(fmt, m.category(), c.validated(), c.predicted(), c.dubious(), m.folder(),
                    m.rule().name().toLowerCase(), c.written()));
        }
        return b.toString();
    }
}
