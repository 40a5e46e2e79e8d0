package org.plankton.nn.torch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.plankton.core.image.GrayImage;
import org.plankton.core.preprocess.Affine;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.preprocess.Preprocessor;
import org.plankton.core.testing.SyntheticPlankton;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;

/** Synthetic network inputs and small file helpers shared by the torch tests. */
final class TestData {

    static final Path V4 = Path.of("..", "models", "ndsb-v4");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestData() {
    }

    /** {@code n} synthetic plankton images (random shapes) rendered as network input rows, size features included. */
    static float[] rows(InputLayout layout, PreprocessConfig pc, int n, long seed) {
        Random r = new Random(seed);
        Preprocessor pre = new Preprocessor(pc.withImageSize(layout.side()));
        float[] out = new float[n * layout.length()];
        for (int i = 0; i < n; i++) {
            String shape = SyntheticPlankton.CLASSES.get(r.nextInt(SyntheticPlankton.CLASSES.size()));
            layout.write(pre, gray(SyntheticPlankton.draw(shape, r)), Affine.identity(), out, i);
        }
        return out;
    }

    static GrayImage gray(BufferedImage img) {
        byte[] p = new byte[img.getWidth() * img.getHeight()];
        img.getRaster().getDataElements(0, 0, img.getWidth(), img.getHeight(), p);
        return new GrayImage(img.getWidth(), img.getHeight(), p);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> manifest(Path bundle) throws IOException {
        return JSON.readValue(bundle.resolve("manifest.json").toFile(), Map.class);
    }

    @SuppressWarnings("unchecked")
    static ArchitectureConfig architecture(Map<String, Object> manifest) {
        return ArchitectureConfig.fromMap((Map<String, Object>) manifest.get("architecture"));
    }

    @SuppressWarnings("unchecked")
    static PreprocessConfig preprocess(Map<String, Object> manifest) {
        Map<String, Object> p = (Map<String, Object>) manifest.get("preprocess");
        return new PreprocessConfig(((Number) p.get("image_size")).intValue(), ((Number) p.get("fill")).doubleValue(),
                (Boolean) p.get("invert"), ((Number) p.get("mean")).floatValue(), ((Number) p.get("std")).floatValue());
    }

    static void writeFloats(Path file, float[] v) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(v);
        Files.write(file, bb.array());
    }

    static float[] readFloats(Path file) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bb.remaining() / 4];
        bb.asFloatBuffer().get(v);
        return v;
    }

    static String json(Object o) throws IOException {
        return JSON.writeValueAsString(o);
    }

    static Map<?, ?> readJson(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Map.class);
    }
}
