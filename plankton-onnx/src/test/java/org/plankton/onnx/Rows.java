package org.plankton.onnx;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.plankton.core.features.SizeFeatures;
import org.plankton.core.image.GrayImage;
import org.plankton.core.preprocess.Affine;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.preprocess.Preprocessor;
import org.plankton.core.testing.SyntheticPlankton;
import org.plankton.nn.arch.InputLayout;

/**
 * Network input for the tests: synthetic plankton rendered as {@link InputLayout} rows (what
 * TorchNetwork takes), and the same values cut into the ONNX graph's named inputs.
 */
final class Rows {

    private Rows() {
    }

    /** {@code n} synthetic images (random shapes) as rows, size features included, half of them at a random rotation. */
    static float[] synthetic(InputLayout layout, PreprocessConfig pc, int n, long seed) {
        Random r = new Random(seed);
        Preprocessor pre = new Preprocessor(pc.withImageSize(layout.side()));
        float[] out = new float[n * layout.length()];
        for (int i = 0; i < n; i++) {
            String shape = SyntheticPlankton.CLASSES.get(r.nextInt(SyntheticPlankton.CLASSES.size()));
            Affine a = i % 2 == 0 ? Affine.identity() : Affine.rotationDegrees(r.nextDouble() * 360);
            layout.write(pre, gray(SyntheticPlankton.draw(shape, r)), a, out, i);
        }
        return out;
    }

    /** The graph inputs of member input names {@code names} cut from {@code rows} of {@code layout}. */
    static Map<String, OrtModel.Input> inputs(InputLayout layout, float[] rows, int n, NetworkGraph.Inputs names) {
        Map<String, OrtModel.Input> m = new LinkedHashMap<>();
        int side = layout.side();
        int fs = layout.fixedSide();
        float[] image = new float[n * side * side];
        float[] fixed = new float[n * fs * fs];
        float[] features = new float[layout.sizeFeatures() ? n * SizeFeatures.COUNT : 0];
        for (int i = 0; i < n; i++) {
            int at = i * layout.length();
            System.arraycopy(rows, at, image, i * side * side, side * side);
            at += side * side;
            System.arraycopy(rows, at, fixed, i * fs * fs, fs * fs);
            at += fs * fs;
            if (layout.sizeFeatures()) {
                System.arraycopy(rows, at, features, i * SizeFeatures.COUNT, SizeFeatures.COUNT);
            }
        }
        m.put(names.image(), new OrtModel.Input(image, new long[] {n, 1, side, side}));
        if (fs > 0) {
            m.put(names.fixedScaleImage(), new OrtModel.Input(fixed, new long[] {n, 1, fs, fs}));
        }
        if (layout.sizeFeatures()) {
            m.put(names.sizeFeatures(), new OrtModel.Input(features, new long[] {n, SizeFeatures.COUNT}));
        }
        return m;
    }

    static Map<String, OrtModel.Input> inputs(InputLayout layout, float[] rows, int n) {
        return inputs(layout, rows, n, new NetworkGraph.Inputs(OnnxExport.IMAGE, OnnxExport.FIXED_SCALE_IMAGE,
                OnnxExport.SIZE_FEATURES));
    }

    static GrayImage gray(BufferedImage img) {
        byte[] p = new byte[img.getWidth() * img.getHeight()];
        img.getRaster().getDataElements(0, 0, img.getWidth(), img.getHeight(), p);
        return new GrayImage(img.getWidth(), img.getHeight(), p);
    }

    /**
     * Keeps a test's exported graph in {@code target/onnx-variants/} (Maven runs tests in the module
     * folder), where bench/onnx-check.sh runs the ONNX project's checker over every one of them.
     */
    static void keep(String name, byte[] onnx) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "onnx-variants"));
        java.nio.file.Files.write(dir.resolve(name.replaceAll("[^A-Za-z0-9]+", "-") + ".onnx"), onnx);
    }

    /** Largest |a - b| over all entries. */
    static double maxDiff(float[][] a, float[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[i].length; c++) {
                max = Math.max(max, Math.abs(a[i][c] - b[i][c]));
            }
        }
        return max;
    }

    /** softmax(z / t) per row, in double. */
    static float[][] softmax(float[][] z, double t) {
        float[][] out = new float[z.length][];
        for (int i = 0; i < z.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : z[i]) {
                max = Math.max(max, v / t);
            }
            double sum = 0;
            double[] e = new double[z[i].length];
            for (int c = 0; c < e.length; c++) {
                e[c] = Math.exp(z[i][c] / t - max);
                sum += e[c];
            }
            out[i] = new float[e.length];
            for (int c = 0; c < e.length; c++) {
                out[i][c] = (float) (e[c] / sum);
            }
        }
        return out;
    }
}
