package org.plankton.core.conformal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plankton.core.bundle.AtomicFiles;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.data.ClassList;

/**
 * A bundle's {@code conformal.json}: prediction sets and reject thresholds fitted by
 * {@code plankton fit-sets}. File:
 * <pre>{"method": "aps-randomised", "coverage": 0.9, "calibration_images": N, "min_class_images": 30,
 *  "pooled_threshold": q, "class_thresholds": {"class": q_c, ...},
 *  "reject_pooled": t, "reject_thresholds": {"class": t_c, ...}}</pre>
 * Classes are named, not numbered, so a file can never silently apply to reordered classes; a
 * class missing from a map uses the pooled value. Thresholds of 1 or more admit every class.
 */
public record PredictionSets(ClassList classes, ConformalSets sets, RejectThresholds reject, int calibrationImages) {

    public static final String FILE = "conformal.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bundle's fitted sets; empty when it has no {@code conformal.json}. */
    public static Optional<PredictionSets> of(ModelBundle bundle) throws IOException {
        return of(bundle.directory(), bundle.classes());
    }

    /**
     * The sets fitted for the model in {@code dir}, a bundle or an ensemble folder (an ensemble's own
     * {@code conformal.json}, fitted on its blended probabilities; never a member's); empty when it has none.
     */
    public static Optional<PredictionSets> of(Path dir, ClassList classes) throws IOException {
        Path file = dir.resolve(FILE);
        return Files.exists(file) ? Optional.of(read(file, classes)) : Optional.empty();
    }

    /** The prediction set of an image: class indices, most probable first. */
    public List<Integer> set(float[] p) {
        return sets.set(p);
    }

    /** Whether the image keeps its top class; false: report it as {@code unclassified}. */
    public boolean accept(float[] p) {
        return reject.accept(p);
    }

    /** The set as class names joined by {@code |}, most probable first: the form for a CSV cell. */
    public String setNames(float[] p) {
        return String.join("|", set(p).stream().map(classes::name).toList());
    }

    public static PredictionSets read(Path file, ClassList classes) throws IOException {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n == null || !"aps-randomised".equals(n.path("method").asText())) {
                throw new IOException("expected \"method\": \"aps-randomised\"");
            }
            double coverage = number(n, "coverage");
            double[] q = thresholds(n.path("class_thresholds"), "class_thresholds", classes);
            double[] t = thresholds(n.path("reject_thresholds"), "reject_thresholds", classes);
            return new PredictionSets(classes, new ConformalSets(coverage, number(n, "pooled_threshold"), q),
                    new RejectThresholds(number(n, "reject_pooled"), t), (int) number(n, "calibration_images"));
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + " is damaged: " + e.getMessage() + " (fit it again: plankton fit-sets)", e);
        }
    }

    private static double number(JsonNode n, String key) throws IOException {
        JsonNode v = n.path(key);
        if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0) {
            throw new IOException("\"" + key + "\" must be a non-negative number, got " + v);
        }
        return v.asDouble();
    }

    private static double[] thresholds(JsonNode map, String key, ClassList classes) throws IOException {
        if (!map.isObject()) {
            throw new IOException("\"" + key + "\" must be an object of class -> threshold");
        }
        double[] t = new double[classes.size()];
        Arrays.fill(t, Double.NaN);
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            var e = it.next();
            int c = classes.find(e.getKey()).orElseThrow(() -> new IOException("\"" + key + "\" names '" + e.getKey()
                    + "', not a class of the model"));
            t[c] = number(map, e.getKey());
        }
        return t;
    }

    /** Writes {@code conformal.json} into a bundle folder atomically. */
    public void writeTo(Path bundleDir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("method", "aps-randomised");
        root.put("coverage", sets.coverage());
        root.put("calibration_images", calibrationImages);
        root.put("min_class_images", ConformalSets.MIN_CLASS_IMAGES);
        root.put("pooled_threshold", sets.pooled());
        ObjectNode q = root.putObject("class_thresholds");
        root.put("reject_pooled", reject.pooled());
        ObjectNode t = root.putObject("reject_thresholds");
        for (int c = 0; c < classes.size(); c++) {
            if (!Double.isNaN(sets.classThreshold()[c])) {
                q.put(classes.name(c), round(sets.classThreshold()[c]));
            }
            if (!Double.isNaN(reject.classThreshold()[c])) {
                t.put(classes.name(c), round(reject.classThreshold()[c]));
            }
        }
        AtomicFiles.writeString(bundleDir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    /** Eight decimals: far below what shifts a set, and a file a person can read. */
    private static double round(double v) {
        return Math.round(v * 1e8) / 1e8;
    }
}
