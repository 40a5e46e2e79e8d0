package org.plankton.server.export;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.plankton.server.images.ImageStream;
import org.plankton.server.samples.SampleRecord;

/**
 * {@code image_id,file,sha256,...,p_<class>...}: one row per image with its prediction, review
 * state and every probability. Probability columns are the union of the classes of the models
 * that classified the sample (usually one model), in first-seen order; a class a model did not
 * have is left empty rather than written as 0, which would claim the model ruled it out. The
 * trust columns {@code ood_score,out_of_domain,group,group_probability,prediction_set,accepted}
 * come before them, as in classify --details (the set as {@code a|b}; empty where not computed).
 */
public final class CsvExport {

    private CsvExport() {
    }

    /** Two passes over {@code images}: the probability columns first, then the rows. */
    public static void write(SampleRecord sample, ImageStream images, Writer out) throws IOException {
        Set<String> classes = new LinkedHashSet<>();
        images.forEach(i -> classes.addAll(i.probabilities().keySet()));
        List<String> header = new ArrayList<>(List.of("image_id", "sample", "file", "sha256", "width", "height",
                "model_id", "predicted_class", "predicted_prob", "status", "label", "annotated_by", "annotated_at"));
        header.addAll(TrustCells.HEADER);
        classes.forEach(c -> header.add("p_" + c));
        line(out, header);
        images.forEach(i -> {
            List<String> row = new ArrayList<>(List.of(Long.toString(i.id()), sample.name(), i.originalName(),
                    i.sha256(), Integer.toString(i.width()), Integer.toString(i.height()), i.modelId(),
                    i.predictedClass(), Float.toString((float) i.predictedProb()), i.status().json(), i.label(),
                    nz(i.annotatedBy()), nz(i.annotatedAt())));
            row.addAll(TrustCells.of(i.trust(), "true", "false"));
            for (String c : classes) {
                Double p = i.probabilities().get(c);
                // Float.toString: the shortest exact form of the stored float, never rounded to 0
                row.add(p == null ? "" : Float.toString(p.floatValue()));
            }
            line(out, row);
        });
        out.flush();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void line(Writer out, List<String> cells) throws IOException {
        for (int k = 0; k < cells.size(); k++) {
            if (k > 0) {
                out.write(',');
            }
            out.write(quote(cells.get(k)));
        }
        out.write('\n');
    }

    /** RFC 4180 quoting, plus a leading quote for cells a spreadsheet would run as a formula. */
    static String quote(String s) {
        String v = s;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.eE+-]+")) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
