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
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecoder;
import org.plankton.core.testing.Releases;
import org.plankton.nn.infer.Classifier;

/**
 * The DJL-era bundles ({@code weights.params}) give, on this engine, the predictions they gave
 * on DJL: the top-5 probabilities of the 24 images in {@code samples/} under each of
 * {@code models/ndsb-v1..v4}, recorded from {@code classify} on DJL 0.36 (fp32) before DJL was removed
 * ({@code bundled-models-top5.csv}). Only {@code ndsb-v4} is still in {@code models/}; v1-v3 left it for
 * ndsb-v5 and {@link Releases} takes them from git history (a checkout without that history checks v4
 * alone and says so). Measured then: at most 2.3e-6 apart; the tolerance, 1e-4, is loose
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
        int checked = 0;
        for (var model : ref.entrySet()) {
            Optional<Path> bundle = Releases.find(model.getKey());
            if (bundle.isEmpty()) {
                System.out.println("not checked: " + Releases.missing(model.getKey()));
                continue;
            }
            checked++;
            List<String> images = new ArrayList<>(model.getValue().keySet());
            assertThat(images).hasSize(24);
            List<Map<String, Double>> p = predict(bundle.get(), images);
            for (int i = 0; i < images.size(); i++) {
                for (var e : model.getValue().get(images.get(i)).entrySet()) {
                    assertThat(p.get(i).get(e.getKey())).as("%s %s %s", model.getKey(), images.get(i), e.getKey())
                            .isCloseTo(e.getValue(), TOLERANCE);
                }
            }
        }
        assertThat(checked).as("DJL-era bundles in models/ or git history").isGreaterThanOrEqualTo(1);
    }

    /**
     * An ensemble of the two bundled models (a DJL-era {@code weights.params} bundle and a libtorch-era
     * safetensors one stored as float16) gives the weighted mean of what each gives alone.
     */
    @Test
    void anEnsembleOfBundledModelsBlendsTheirPredictions(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(MODELS.resolve("ndsb-v4")) && Files.isDirectory(MODELS.resolve("ndsb-v6"))
                && Files.isDirectory(SAMPLES), "models/ or samples/ is not in this checkout");
        List<String> images = new ArrayList<>(reference().get("ndsb-v4").keySet());
        List<Map<String, Double>> v4 = predict(MODELS.resolve("ndsb-v4"), images);
        List<Map<String, Double>> v6 = predict(MODELS.resolve("ndsb-v6"), images);
        Path ensemble = tmp.resolve("ensemble");
        EnsembleBundle.write(ensemble, List.of(MODELS.resolve("ndsb-v4"), MODELS.resolve("ndsb-v6")),
                new double[] {0.25, 0.75}, Map.of());
        List<Map<String, Double>> p = predict(ensemble, images);
        for (int i = 0; i < images.size(); i++) {
            for (String c : v4.get(i).keySet()) {
                double expected = 0.25 * v4.get(i).get(c) + 0.75 * v6.get(i).get(c);
                assertThat(p.get(i).get(c)).as("%s %s", images.get(i), c).isCloseTo(expected, TOLERANCE);
            }
        }
    }
}
