package org.plankton.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plankton.core.weights.NamedTensor;
import org.plankton.core.weights.WeightFiles;
import org.plankton.nn.arch.InputLayout;
import org.plankton.nn.engine.InferenceNetwork;
import org.plankton.nn.engine.FeatureBatch;
import org.plankton.nn.engine.Precision;

/**
 * One ONNX Runtime session as an {@link InferenceNetwork}: cuts the engine-neutral input rows into
 * the graph's inputs and returns softmax of the graph's {@value OnnxExport#LOGITS} output. Not the
 * {@value OnnxExport#PROBABILITIES} output: that one has the bundle's temperature inside, and the
 * Classifier applies calibration (per TTA setting) itself, as it does on libtorch.
 */
final class OrtNetwork implements InferenceNetwork {

    private final OrtSession session;
    private final InputLayout layout;
    private final int numClasses;
    private final Path weightsFile;
    private final Set<String> outputs = Set.of(OnnxExport.LOGITS);

    OrtNetwork(OrtSession session, InputLayout layout, int numClasses, Path weightsFile) {
        this.session = session;
        this.layout = layout;
        this.numClasses = numClasses;
        this.weightsFile = weightsFile;
    }

    @Override
    public float[][] probabilities(float[] rows, int first, int n) {
        float[][] logits = run(rows, first, n, outputs).get(0);
        for (int i = 0; i < logits.length; i++) {
            logits[i] = softmax(logits[i]);
        }
        return logits;
    }

    /** Files exported before the {@value OnnxExport#FEATURES} output, and ensembles, lack it. */
    @Override
    public boolean exposesFeatures() {
        try {
            return session.getOutputNames().contains(OnnxExport.FEATURES);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public FeatureBatch features(float[] rows, int first, int n) {
        if (!exposesFeatures()) {
            throw new UnsupportedOperationException("this ONNX file has no " + OnnxExport.FEATURES + " output (exported "
                    + "before it existed: export-onnx or calibrate writes it anew)");
        }
        List<float[][]> out = run(rows, first, n, new java.util.LinkedHashSet<>(List.of(OnnxExport.LOGITS,
                OnnxExport.FEATURES)));
        return new FeatureBatch(out.get(1), out.get(0));
    }

    /** Runs the graph on the {@code n} images from {@code first}; the named outputs, in the set's order. */
    private List<float[][]> run(float[] rows, int first, int n, Set<String> wanted) {
        OrtEnvironment env = OrtRuntime.environment();
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            for (Map.Entry<String, GraphInputs.Input> in : GraphInputs.of(layout, rows, first, n).entrySet()) {
                feed.put(in.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(in.getValue().values()),
                        in.getValue().shape()));
            }
            try (OrtSession.Result result = session.run(feed, wanted)) {
                List<float[][]> out = new java.util.ArrayList<>();
                for (String name : wanted) {
                    out.add((float[][]) result.get(name).orElseThrow().getValue());
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + n + ": " + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /** In double, so that rounding stays far below the 1e-4 the engines are held to. */
    static float[] softmax(float[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[z.length];
        for (int c = 0; c < z.length; c++) {
            e[c] = Math.exp(z[c] - max);
            sum += e[c];
        }
        float[] p = new float[z.length];
        for (int c = 0; c < z.length; c++) {
            p[c] = (float) (e[c] / sum);
        }
        return p;
    }

    @Override
    public InputLayout layout() {
        return layout;
    }

    /** The bundle's weights (the graph holds the same values, in ONNX's layout rather than the engine-neutral one). */
    @Override
    public List<NamedTensor> weights() {
        try {
            return WeightFiles.read(weightsFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public void setPrecision(Precision precision) {
        if (precision != Precision.FP32) {
            throw new IllegalArgumentException("the onnx engine computes in fp32 only, got precision " + precision.id()
                    + " (bf16 runs on --engine torch)");
        }
    }

    @Override
    public Precision precision() {
        return Precision.FP32;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close an ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
