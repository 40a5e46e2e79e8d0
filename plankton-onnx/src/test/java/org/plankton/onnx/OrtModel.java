package org.plankton.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** An exported model on ONNX Runtime, for the tests and the benchmark: float inputs in, float outputs out. */
final class OrtModel implements AutoCloseable {

    /** One input: row-major values and their shape. */
    record Input(float[] values, long[] shape) {
    }

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    /** {@code level} null: ONNX Runtime's default options (only the thread counts set). */
    OrtModel(byte[] model, OptLevel level, int intraOpThreads) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (level != null) {
                options.setOptimizationLevel(level);
            }
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            this.session = ENV.createSession(model, options);
        }
    }

    OrtSession session() {
        return session;
    }

    /** Runs the model; returns every output as (rows, columns). */
    Map<String, float[][]> run(Map<String, Input> inputs) throws OrtException {
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try {
            for (Map.Entry<String, Input> e : inputs.entrySet()) {
                tensors.put(e.getKey(), OnnxTensor.createTensor(ENV, FloatBuffer.wrap(e.getValue().values()), e.getValue().shape()));
            }
            try (OrtSession.Result result = session.run(tensors)) {
                Map<String, float[][]> out = new LinkedHashMap<>();
                result.forEach(e -> {
                    try {
                        out.put(e.getKey(), (float[][]) e.getValue().getValue());
                    } catch (OrtException ex) {
                        throw new IllegalStateException(ex);
                    }
                });
                return out;
            }
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
