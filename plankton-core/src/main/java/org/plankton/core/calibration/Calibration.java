package org.plankton.core.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.plankton.core.bundle.AtomicFiles;

/**
 * A bundle's {@code calibration.json}: the temperature fitted on plain predictions, plus
 * temperatures fitted on test-time-augmented predictions. Averaging TTA views makes predictions
 * less confident, so a temperature fitted on plain predictions over-softens them; a TTA setting
 * that has its own temperature uses it.
 *
 * <p>File: {@code {"method": "temperature", "temperature": T, "tta": {"8g": T8g, "4a": T4a}}}, the
 * {@code tta} keys being the number of views and {@code g} (geometric) or {@code a} (arithmetic
 * mean). Files without {@code tta} (written before it existed) still read.
 */
public record Calibration(TemperatureScaling plain, Map<String, TemperatureScaling> tta) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Calibration {
        tta = Map.copyOf(new TreeMap<>(tta));
    }

    public static Calibration none() {
        return new Calibration(TemperatureScaling.identity(), Map.of());
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
        return new Calibration(t, tta);
    }

    public Calibration withTta(int views, boolean geometric, TemperatureScaling t) {
        if (views <= 1) {
            return withPlain(t);
        }
        Map<String, TemperatureScaling> m = new TreeMap<>(tta);
        m.put(key(views, geometric), t);
        return new Calibration(plain, m);
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
            return new Calibration(new TemperatureScaling(node.get("temperature").asDouble()), tta);
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
        AtomicFiles.writeString(bundleDir.resolve(TemperatureScaling.FILE), JSON.writeValueAsString(root) + "\n");
    }
}
