package org.plankton.core.conformal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.plankton.core.data.ClassList;
import org.plankton.core.data.Csv;

/**
 * Labelled probabilities, as {@code evaluate --predictions} writes them ({@code image,label,<one
 * column per class>}): what prediction sets and reject thresholds are fitted and measured on.
 */
public record LabelledProbabilities(List<float[]> probabilities, int[] labels) {

    public LabelledProbabilities {
        if (probabilities.size() != labels.length) {
            throw new IllegalArgumentException(probabilities.size() + " probability rows but " + labels.length + " labels");
        }
        probabilities = List.copyOf(probabilities);
        labels = labels.clone();
    }

    public int size() {
        return labels.length;
    }

    /** Reads the CSV; its class columns must be the model's classes in the model's order. */
    public static LabelledProbabilities read(Path file, ClassList classes) throws IOException {
        List<float[]> probs = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            List<String> expected = new ArrayList<>(List.of("image", "label"));
            expected.addAll(classes.names());
            if (header == null || !Csv.parse(header).get(0).fields().equals(expected)) {
                throw new IOException(file + ": header is not image,label,<the model's classes in order>");
            }
            String line;
            int n = 1;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = Csv.parse(line).get(0).fields();
                if (f.size() != classes.size() + 2) {
                    throw new IOException(file + " line " + n + ": " + f.size() + " fields, expected " + (classes.size() + 2));
                }
                int label = classes.find(f.get(1)).orElseThrow(() -> new IOException("unknown label"));
                float[] p = new float[classes.size()];
                for (int c = 0; c < p.length; c++) {
                    p[c] = Float.parseFloat(f.get(c + 2));
                }
                probs.add(p);
                labels.add(label);
            }
        } catch (NumberFormatException e) {
            throw new IOException(file + ": not a number: " + e.getMessage(), e);
        }
        return new LabelledProbabilities(probs, labels.stream().mapToInt(Integer::intValue).toArray());
    }
}
