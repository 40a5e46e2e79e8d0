package org.plankton.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.plankton.core.bundle.DefaultModel;
import org.plankton.onnx.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plankton export-onnx [--model M] --out MODEL.onnx}: the model (or ensemble) as one ONNX
 * graph with calibration inside, for runtimes outside plankton. Loads no engine: the weights are
 * read as data and written as ONNX initializers.
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

    @Override
    public Integer call() throws Exception {
        Path dir = DefaultModel.resolve(model);
        OnnxExport.Summary s = OnnxExport.write(dir, out);
        System.out.printf(Locale.ROOT, "exported %s%s to %s (%.1f MB, ONNX opset %d): inputs %s, outputs %s%n", dir,
                s.members() > 1 ? " (" + s.members() + " members, one graph)" : "", s.file(), s.bytes() / 1e6,
                OnnxExport.OPSET, String.join(", ", s.inputs()), String.join(", ", s.outputs()));
        return PlanktonCli.EXIT_OK;
    }
}
