package org.plankton.onnx.int8;

import ai.onnxruntime.OrtException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plankton.onnx.proto.GraphProto;
import org.plankton.onnx.proto.ModelProto;
import org.plankton.onnx.proto.ValueInfoProto;

/**
 * Static int8 quantisation of an exported fp32 model: batch norm folded into the convolutions
 * ({@link BatchNormFolding}), the values to quantise chosen ({@link QuantPlan}), their ranges
 * measured on calibration batches ({@link Calibrator}), and the graph rewritten in QDQ form
 * ({@link QdqGraph}). Same inputs, outputs and metadata as the fp32 model, plus a metadata entry
 * saying how it was quantised, so the file is a drop-in replacement for the fp32 one.
 */
public final class Int8Export {

    /** Metadata key of a quantised model: how it was quantised. */
    public static final String METADATA_KEY = "plankton_quantization";

    /** The percentiles a least-error range is chosen from (1: min and max). */
    static final double[] MSE_CANDIDATES = {0.999, 0.9995, 0.9998, 0.9999, 0.99995, 0.99998, 0.99999, 1};

    /** One input tensor of a calibration batch: row-major values and their shape. */
    public record Tensor(float[] values, long[] shape) {
    }

    /**
     * How to quantise.
     *
     * @param percentile       activation range: 1 = calibration min and max; below 1, the
     *                         {@code 1 - p} and {@code p} quantiles (clips rare outliers); graph
     *                         inputs always take min and max
     * @param minimumError     instead of one percentile for all, each value's range is the one of
     *                         {@link #MSE_CANDIDATES} with the least squared rounding and clipping error
     *                         on its calibration sample
     * @param quantiseFirst    also quantise the convolutions that read the image (by default fp32:
     *                         measured the most sensitive layer, and cheap)
     * @param quantiseClasses  also quantise the final {@code classes} layers (by default they stay
     *                         fp32: they are cheap, and their output is the logits themselves)
     * @param equalise         cross-layer equalisation of consecutive convolutions before calibration
     *                         ({@link CrossLayerEqualisation})
     * @param keepFp32         Conv and Gemm layers left fp32: those whose node name starts with one
     *                         of these (such as {@code convnet/stage1/}), for layers that int8 hurts most
     */
    public record Options(double percentile, boolean minimumError, boolean quantiseFirst, boolean quantiseClasses,
                          boolean equalise, List<String> keepFp32) {
        /** What docs/results.md measured best on ndsb-v4: least-error ranges, first and classes layers fp32. */
        public static final Options DEFAULT = new Options(1.0, true, false, false, false, List.of());

        public Options {
            keepFp32 = List.copyOf(keepFp32);
            if (!(percentile > 0.5 && percentile <= 1)) {
                throw new IllegalArgumentException("percentile must be in (0.5, 1], got " + percentile);
            }
        }

        String describe() {
            return "static QDQ: int8 weights per output channel (symmetric), uint8 activations, batch norm folded; ranges "
                    + (minimumError ? "least-error percentile per value" : percentile >= 1 ? "min/max" : "percentile " + percentile)
                    + " of calibration data; first convolution " + (quantiseFirst ? "int8" : "fp32") + ", classes layers "
                    + (quantiseClasses ? "int8" : "fp32") + (equalise ? "; cross-layer equalised" : "") + (keepFp32.isEmpty() ? "" : "; fp32: " + String.join(", ", keepFp32));
        }
    }

    private Int8Export() {
    }

    /**
     * The quantised model. {@code calibration}: batches of the model's inputs (preprocessed
     * training images, never the images it will be scored on; see {@link CalibrationImages}).
     */
    public static ModelProto quantize(ModelProto fp32, List<Map<String, Tensor>> calibration, Options options, int threads)
            throws OrtException {
        if (calibration.isEmpty()) {
            throw new IllegalArgumentException("calibration needs at least one batch of images");
        }
        GraphProto folded = BatchNormFolding.fold(fp32.graph());
        if (options.equalise()) {
            folded = CrossLayerEqualisation.equalise(folded);
        }
        QuantPlan plan = QuantPlan.of(folded, options.quantiseFirst(), options.quantiseClasses(), options.keepFp32());
        if (plan.compute.isEmpty()) {
            throw new IllegalArgumentException("the graph has no convolution or dense layer to quantise");
        }
        ModelProto foldedModel = with(fp32, folded, fp32.metadata());
        Map<String, ActivationStats> stats = Calibrator.run(foldedModel, plan, calibration, threads);
        Map<String, QuantParams> params = new HashMap<>();
        List<String> inputs = folded.inputs().stream().map(ValueInfoProto::name).toList();
        stats.forEach((v, s) -> {
            // A graph input's range is the preprocessing's, not an activation's with rare outliers: clipping
            // it would saturate the brightest pixels of every organism (measured: it costs more than all else).
            double[] r = inputs.contains(v) ? s.range(1) : options.minimumError() ? s.minimumErrorRange(MSE_CANDIDATES)
                    : s.range(options.percentile());
            params.put(v, QuantParams.ofRange(r[0], r[1]));
        });
        GraphProto quantised = QdqGraph.rewrite(folded, plan, params);
        Map<String, String> metadata = new LinkedHashMap<>(fp32.metadata());
        int images = calibration.stream().mapToInt(b -> (int) b.values().iterator().next().shape()[0]).sum();
        metadata.put(METADATA_KEY, options.describe() + " (" + images + " images); " + plan.compute.size()
                + " layers int8, " + plan.calibrated.size() + " activation ranges");
        return with(fp32, quantised, metadata);
    }

    private static ModelProto with(ModelProto m, GraphProto g, Map<String, String> metadata) {
        return new ModelProto(m.irVersion(), m.opsetVersion(), m.producerName(), m.producerVersion(), m.docString(), g,
                metadata);
    }
}
