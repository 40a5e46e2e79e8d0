package org.plankton.onnx.int8;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plankton.onnx.proto.DataType;
import org.plankton.onnx.proto.GraphProto;
import org.plankton.onnx.proto.ModelProto;
import org.plankton.onnx.proto.ValueInfoProto;

/**
 * The calibration pass: runs the fp32 (batch-norm folded) graph on ONNX Runtime with every value
 * the plan quantises exposed as an extra graph output, over the calibration batches, and records
 * each value's {@link ActivationStats}. A quantised graph input (the image) is measured from the
 * batches themselves. Basic optimisation only, so that no fusion hides a value we asked for.
 */
final class Calibrator {

    /** Elements kept per value for percentiles (4 MB each). */
    static final int SAMPLE = 1 << 20;

    private Calibrator() {
    }

    static Map<String, ActivationStats> run(ModelProto folded, QuantPlan plan, List<Map<String, Int8Export.Tensor>> batches,
                                            int threads) throws OrtException {
        GraphProto g = folded.graph();
        List<ValueInfoProto> outputs = new ArrayList<>(g.outputs());
        List<String> inputs = g.inputs().stream().map(ValueInfoProto::name).toList();
        Map<String, ActivationStats> stats = new LinkedHashMap<>();
        for (String v : plan.calibrated) {
            stats.put(v, new ActivationStats(SAMPLE, batches.size()));
            if (!inputs.contains(v)) {
                List<Object> shape = new ArrayList<>();
                for (int d = 0; d < plan.ranks.get(v); d++) {
                    shape.add("calibration_" + d);
                }
                outputs.add(new ValueInfoProto(v, DataType.FLOAT, shape, "calibration output"));
            }
        }
        GraphProto exposed = new GraphProto(g.name(), g.nodes(), g.initializers(), g.inputs(), outputs, g.docString());
        ModelProto m = new ModelProto(folded.irVersion(), folded.opsetVersion(), folded.producerName(),
                folded.producerVersion(), folded.docString(), exposed, folded.metadata());
        OrtEnvironment env = org.plankton.onnx.OrtRuntime.environment(); // on a large stack: see OrtRuntime
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
            options.setIntraOpNumThreads(threads);
            try (OrtSession session = env.createSession(m.toByteArray(), options)) {
                for (Map<String, Int8Export.Tensor> batch : batches) {
                    measure(env, session, batch, stats);
                }
            }
        }
        return stats;
    }

    private static void measure(OrtEnvironment env, OrtSession session, Map<String, Int8Export.Tensor> batch,
                                Map<String, ActivationStats> stats) throws OrtException {
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            for (Map.Entry<String, Int8Export.Tensor> e : batch.entrySet()) {
                feed.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue().values()), e.getValue().shape()));
                ActivationStats s = stats.get(e.getKey());
                if (s != null) {
                    s.add(FloatBuffer.wrap(e.getValue().values()));
                }
            }
            List<String> wanted = stats.keySet().stream().filter(v -> !batch.containsKey(v)).toList();
            try (OrtSession.Result r = session.run(feed, new java.util.HashSet<>(wanted))) {
                for (String v : wanted) {
                    stats.get(v).add(((OnnxTensor) r.get(v).orElseThrow()).getFloatBuffer());
                }
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }
}
