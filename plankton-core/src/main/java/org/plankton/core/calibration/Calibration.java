package org.plankton.core.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.plankton.core.bundle.AtomicFiles;

/**
 * A bundle's {@code calibration.json}: the temperature fitted on plain predictions, plus
 * temperatures fitted on test-time-augmented predictions. Averaging TTA views makes predictions
 * less confident, so a temperature fitted on plain predictions over-softens them; a TTA setting
 * that has its own temperature uses it.
 *
 * <p>File: {@code {"method": "temperature", "temperature": T, "tta": {"8g": T8g, "4a": T4a},
 * "class_priors": [...]}}, the {@code tta} keys being the number of views and {@code g} (geometric)
 * or {@code a} (arithmetic mean). {@code class_priors} is the class mix of the training data in
 * {@code classes.txt} order: what the calibrated probabilities assume, and what
 * {@link org.plankton.core.quantify.PriorShift} corrects a sample's counts against. Files without
 * {@code tta} or {@code class_priors} (written before they existed) still read.
 *
 * @param classPriors empty when unknown
 */
public record Calibration(TemperatureScaling plain, Map<String, TemperatureScaling> tta, List<Double> classPriors) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Calibration {
        tta = Map.copyOf(new TreeMap<>(tta));
        classPriors = List.copyOf(classPriors);
    }

    public Calibration(TemperatureScaling plain, Map<String, TemperatureScaling> tta) {
        this(plain, tta, List.of());
    }

    public static Calibration none() {
        return new Calibration(TemperatureScaling.identity(), Map.of());
    }

    /** The training class mix, or null when the file does not record it. */
    public double[] classPriorArray() {
        return classPriors.isEmpty() ? null : classPriors.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public Calibration withClassPriors(double[] priors) {
        List<Double> p = new java.util.ArrayList<>();
        for (double v : priors) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("class priors must be finite and non-negative");
            }
            p.add(v);
        }
        return new Calibration(plain, tta, p);
    }

    /** Key of a TTA setting in the file. */
    public static String key(int views, boolean geometric) {
        return views + (geometric ? "g" : "a");
    }

    /** The temperature for predictions averaged over {@code views} (1: plain). */
    public TemperatureScaling forViews(int views, boolean geometric) {
        return views <= 1 ? plain : tta.getOrDefault(key(views, geometric), plain);
    }

    public Calibration withPlain(TemperatureScaling t) {
        return new Calibration(t, tta, classPriors);
    }

    public Calibration withTta(int views, boolean geometric, TemperatureScaling t) {
        if (views <= 1) {
            return withPlain(t);
        }
        Map<String, TemperatureScaling> m = new TreeMap<>(tta);
        m.put(key(views, geometric), t);
        return new Calibration(plain, m, classPriors);
    }

    /** Reads a bundle's calibration; none when the bundle has no file. */
    public static Calibration readFrom(Path bundleDir) throws IOException {
        Path file = bundleDir.resolve(TemperatureScaling.FILE);
        if (!Files.exists(file)) {
            return none();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !"temperature".equals(node.path("method").asText()) || !node.path("temperature").isNumber()) {
                throw new IOException("expected {\"method\": \"temperature\", \"temperature\": <number>}");
            }
            Map<String, TemperatureScaling> tta = new TreeMap<>();
            JsonNode t = node.path("tta");
            if (!t.isMissingNode()) {
                if (!t.isObject()) {
                    throw new IOException("\"tta\" must be an object of views -> temperature");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
                    var e = it.next();
                    if (!e.getKey().matches("[0-9]+[ga]") || !e.getValue().isNumber()) {
                        throw new IOException("bad tta entry " + e.getKey() + ": " + e.getValue());
                    }
                    tta.put(e.getKey(), new TemperatureScaling(e.getValue().asDouble()));
                }
            }
            List<Double> priors = new java.util.ArrayList<>();
            JsonNode pr = node.path("class_priors");
            if (!pr.isMissingNode()) {
                if (!pr.isArray()) {
                    throw new IOException("\"class_priors\" must be an array of numbers");
                }
                for (JsonNode v : pr) {
                    if (!v.isNumber() || v.asDouble() < 0) {
                        throw new IOException("bad class prior " + v);
                    }
                    priors.add(v.asDouble());
                }
            }
            return new Calibration(new TemperatureScaling(node.get("temperature").asDouble()), tta, priors);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    /** Writes {@code calibration.json} into a bundle atomically. */
    public void writeTo(Path bundleDir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("method", "temperature");
        root.put("temperature", plain.temperature());
        if (!tta.isEmpty()) {
            ObjectNode t = root.putObject("tta");
            new TreeMap<>(tta).forEach((k, v) -> t.put(k, v.temperature()));
        }
        if (!classPriors.isEmpty()) {
            var a = root.putArray("class_priors");
            classPriors.forEach(a::add);
        }
        AtomicFiles.writeString(bundleDir.resolve(TemperatureScaling.FILE), JSON.writeValueAsString(root) + "\n");
    }
}
