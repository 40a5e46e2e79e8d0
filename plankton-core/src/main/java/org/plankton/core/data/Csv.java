package org.plankton.core.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Just enough RFC 4180 CSV for manifests (reading) and result tables (writing), so that class
 * names and paths containing commas or quotes survive a round trip through spreadsheets.
 * Own code rather than a dependency because the need is two small functions.
 */
public final class Csv {

    /**
     * One parsed record.
     *
     * @param line         1-based physical line where the record starts (for error messages)
     * @param fields       field values with quotes removed
     * @param unterminated true if the file ended inside a quoted field (the record is unreliable)
     */
    public record Row(int line, List<String> fields, boolean unterminated) {
        public Row {
            if (line < 1) {
                throw new IllegalArgumentException("line must be >= 1, got " + line);
            }
            fields = List.copyOf(fields);
        }

        /** True for an empty or whitespace-only line, which readers skip. */
        public boolean isBlank() {
            return fields.size() == 1 && fields.get(0).isBlank() && !unterminated;
        }
    }

    private Csv() {
    }

    /** Quotes a field if it contains a comma, quote, line break or leading/trailing space. */
    public static String quote(String field) {
        if (field == null) {
            throw new IllegalArgumentException("CSV field must not be null");
        }
        boolean needs = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0 || (!field.isEmpty() && !field.strip().equals(field));
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    /** One CSV line (without line terminator) from already-formatted field values. */
    public static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(fields.get(i)));
        }
        return sb.toString();
    }

    /**
     * Parses CSV text. Accepts \n, \r\n and \r line ends, a leading UTF-8 byte-order mark, quoted
     * fields with embedded commas, doubled quotes and line breaks. Lenient where spreadsheets are
     * sloppy: a quote inside an unquoted field is kept literally. Blank lines are returned as
     * {@link Row#isBlank() blank} rows only if they contain spaces; empty lines are dropped.
     */
    public static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        int n = text.length();
        int i = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
        int line = 1;
        int rowLine = 1;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        boolean rowStarted = false;
        while (i < n) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                    } else {
                        inQuotes = false;
                        i++;
                    }
                    continue;
                }
                if (c == '\n' || (c == '\r' && !(i + 1 < n && text.charAt(i + 1) == '\n'))) {
                    line++;
                }
                field.append(c);
                i++;
                continue;
            }
            if (c == '"' && field.length() == 0) {
                inQuotes = true;
                rowStarted = true;
                i++;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                rowStarted = true;
                i++;
            } else if (c == '\n' || c == '\r') {
                if (rowStarted || field.length() > 0) {
                    fields.add(field.toString());
                    rows.add(new Row(rowLine, fields, false));
                }
                fields = new ArrayList<>();
                field.setLength(0);
                rowStarted = false;
                i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                line++;
                rowLine = line;
            } else {
                field.append(c);
                rowStarted = true;
                i++;
            }
        }
        if (inQuotes || rowStarted || field.length() > 0) {
            fields.add(field.toString());
            rows.add(new Row(rowLine, fields, inQuotes));
        }
        return List.copyOf(rows);
    }
}
