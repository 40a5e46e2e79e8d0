package org.plankton.core.output;

import org.plankton.core.data.ClassList;
import org.plankton.core.data.Csv;

/**
 * The one text form of a CSV of class probabilities: some leading columns, then one column per class
 * in the model's order, named by the class (quoted where it needs it) and holding the probability as
 * {@link Float#toString} writes it (the shortest exact form: no probability is rounded away to 0).
 * {@code classify}'s {@link ProbabilityCsvWriter} ({@code image,<classes>}) and {@code evaluate
 * --predictions}' {@link LabelledPredictionsCsv} ({@code image,label,<classes>}) both write through
 * it, so the two files cannot drift apart.
 *
 * <p>Not shared with the server's export (its own quoting guards against spreadsheet formulas and
 * its columns are {@code p_<class>}) or Spark's CSV (written by Spark's own writer): changing them
 * would change files people already read.
 */
public final class ProbabilityCsv {

    private ProbabilityCsv() {
    }

    /** The header line, without line end: {@code leading} names as given, then the quoted class names. */
    public static String header(ClassList classes, String... leading) {
        StringBuilder header = new StringBuilder(String.join(",", leading));
        for (String c : classes.names()) {
            header.append(',').append(Csv.quote(c));
        }
        return header.toString();
    }

    /** A row, without line end: the quoted {@code leading} cells, then every probability. */
    public static String row(float[] probabilities, String... leading) {
        StringBuilder sb = new StringBuilder(16 * leading.length + probabilities.length * 12);
        for (int k = 0; k < leading.length; k++) {
            if (k > 0) {
                sb.append(',');
            }
            sb.append(Csv.quote(leading[k]));
        }
        for (float p : probabilities) {
            sb.append(',').append(p);
        }
        return sb.toString();
    }
}
