package org.plankton.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.plankton.core.bundle.DefaultModel;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.onnx.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plankton export-onnx [--model M] --out MODEL.onnx [--quantize int8 --calibration-data DIR]}:
 * the model (or ensemble) as one ONNX graph with calibration inside, for runtimes outside plankton;
 * or, with {@code --quantize int8}, one model's graph quantised to int8 (see {@link Int8ExportRun}).
 * Loads no engine for fp32: the weights are read as data and written as ONNX initializers.
 */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
        description = "Export a model bundle or ensemble to ONNX (inputs: preprocessed image [and size features, "
                + "fixed-scale image]; outputs: logits and calibrated probabilities). See docs/onnx.md.")
final class ExportOnnxCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Model bundle or ensemble folder (default: the bundled model, models/"
            + DefaultModel.NAME + ").")
    Path model;

    @Option(names = "--out", required = true, description = "The .onnx file to write (replaced atomically).")
    Path out;

    @Option(names = "--quantize", paramLabel = "int8", description = "int8: static int8 quantisation (QDQ: int8 weights "
            + "per channel, uint8 activations) calibrated on --calibration-data; about 2x the fp32 graph's speed on "
            + "CPUs with AVX-512 VNNI, validation log loss +0.002 on ndsb-v4 (docs/onnx.md). Run it with classify/"
            + "evaluate --engine onnx --onnx-model FILE. One model, not an ensemble.")
    String quantize;

    @Option(names = "--calibration-data", paramLabel = "DIR", description = "With --quantize: images to measure "
            + "activation ranges on. The model's training data is best: then only its training split is used, never "
            + "the validation images.")
    Path calibrationData;

    @Option(names = "--calibration-images", paramLabel = "N", description = "With --quantize: how many images, "
            + "drawn at random (default: ${DEFAULT-VALUE}).")
    int calibrationImages = Int8ExportRun.DEFAULT_IMAGES;

    @Option(names = "--calibration-percentile", paramLabel = "P", description = "With --quantize: each activation's "
            + "range is its P and 1-P quantiles on the calibration images (1: min and max); default: ${DEFAULT-VALUE}, "
            + "measured best on ndsb-v4.")
    double percentile = Int8ExportRun.DEFAULT_PERCENTILE;

    @Override
    public Integer call() throws Exception {
        Path dir = DefaultModel.resolve(model);
        if (quantize != null) {
            if (!quantize.equals("int8")) {
                throw new IllegalArgumentException("--quantize takes int8, got '" + quantize + "'");
            }
            if (calibrationData == null) {
                throw new IllegalArgumentException("--quantize int8 needs --calibration-data DIR (training images)");
            }
            if (EnsembleBundle.isEnsemble(dir)) {
                throw new IllegalArgumentException("--quantize int8 takes one model; " + dir + " is an ensemble");
            }
            Int8ExportRun.run(dir, out, calibrationData, calibrationImages, percentile);
            return PlanktonCli.EXIT_OK;
        }
        if (calibrationData != null) {
            throw new IllegalArgumentException("--calibration-data is for --quantize int8");
        }
        OnnxExport.Summary s = OnnxExport.write(dir, out);
        System.out.printf(Locale.ROOT, "exported %s%s to %s (%.1f MB, ONNX opset %d): inputs %s, outputs %s%n", dir,
                s.members() > 1 ? " (" + s.members() + " members, one graph)" : "", s.file(), s.bytes() / 1e6,
                OnnxExport.OPSET, String.join(", ", s.inputs()), String.join(", ", s.outputs()));
        return PlanktonCli.EXIT_OK;
    }
}
