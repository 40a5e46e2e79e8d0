package org.plankton.nn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecoder;
import org.plankton.nn.infer.Classifier;

/**
 * The bundled models (DJL-era {@code weights.params}) give, on this engine, the predictions they gave
 * on DJL: the top-5 probabilities of the 24 images in {@code samples/} under each of
 * {@code models/ndsb-v1..v4}, recorded from {@code classify} on DJL 0.36 (fp32) before DJL was removed
 * ({@code bundled-models-top5.csv}). Measured then: at most 2.3e-6 apart; the tolerance, 1e-4, is loose
 * enough for any x86-64 CPU's kernels and tight enough to catch a wrong layer or weight order.
 */
class BundledModelsReferenceTest {

    static final Path MODELS = Path.of("..", "models");
    static final Path SAMPLES = Path.of("..", "samples");
    static final Offset<Double> TOLERANCE = Offset.offset(1e-4);

    /** model -> image -> class -> probability, in file order. */
    static Map<String, Map<String, Map<String, Double>>> reference() throws IOException {
        Map<String, Map<String, Map<String, Double>>> ref = new LinkedHashMap<>();
        try (InputStream in = BundledModelsReferenceTest.class.getResourceAsStream("bundled-models-top5.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.startsWith("model,") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                ref.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).computeIfAbsent(f[1], k -> new LinkedHashMap<>())
                        .put(f[2], Double.parseDouble(f[3]));
            }
        }
        return ref;
    }

    /** Probabilities of each reference image, by class name. */
    static List<Map<String, Double>> predict(Path model, List<String> images) throws Exception {
        ImageDecoder decoder = new ImageDecoder();
        List<GrayImage> decoded = new ArrayList<>();
        for (String image : images) {
            decoded.add(decoder.decode(SAMPLES.resolve(image)));
        }
        try (Classifier c = Classifier.load(model)) {
            float[][] p = c.predict(decoded);
            List<Map<String, Double>> out = new ArrayList<>();
            for (float[] row : p) {
                Map<String, Double> byName = new LinkedHashMap<>();
                for (int k = 0; k < row.length; k++) {
                    byName.put(c.classes().names().get(k), (double) row[k]);
                }
                out.add(byName);
            }
            return out;
        }
    }

    @Test
    void everyBundledModelGivesItsRecordedPredictions() throws Exception {
        assumeTrue(Files.isDirectory(MODELS.resolve("ndsb-v4")) && Files.isDirectory(SAMPLES),
                "models/ or samples/ is not in this checkout");
        var ref = reference();
        assertThat(ref).containsOnlyKeys("ndsb-v1", "ndsb-v2", "ndsb-v3", "ndsb-v4");
        for (var model : ref.entrySet()) {
            List<String> images = new ArrayList<>(model.getValue().keySet());
            assertThat(images).hasSize(24);
            List<Map<String, Double>> p = predict(MODELS.resolve(model.getKey()), images);
            for (int i = 0; i < images.size(); i++) {
                for (var e : model.getValue().get(images.get(i)).entrySet()) {
                    assertThat(p.get(i).get(e.getKey())).as("%s %s %s", model.getKey(), images.get(i), e.getKey())
                            .isCloseTo(e.getValue(), TOLERANCE);
                }
            }
        }
    }

    @Test
    void anEnsembleOfBundledModelsBlendsTheirRecordedPredictions(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(MODELS.resolve("ndsb-v4")) && Files.isDirectory(SAMPLES),
                "models/ or samples/ is not in this checkout");
        var ref = reference();
        Path ensemble = tmp.resolve("ensemble");
        EnsembleBundle.write(ensemble, List.of(MODELS.resolve("ndsb-v3"), MODELS.resolve("ndsb-v4")),
                new double[] {0.5, 0.5}, Map.of());
        List<String> images = new ArrayList<>(ref.get("ndsb-v4").keySet());
        List<Map<String, Double>> p = predict(ensemble, images);
        int compared = 0;
        for (int i = 0; i < images.size(); i++) {
            Map<String, Double> v3 = ref.get("ndsb-v3").get(images.get(i));
            for (var e : ref.get("ndsb-v4").get(images.get(i)).entrySet()) {
                if (v3.containsKey(e.getKey())) {
                    double expected = 0.5 * v3.get(e.getKey()) + 0.5 * e.getValue();
                    assertThat(p.get(i).get(e.getKey())).as("%s %s", images.get(i), e.getKey()).isCloseTo(expected, TOLERANCE);
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(24);
    }
}
