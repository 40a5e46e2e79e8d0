package org.plankton.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.plankton.core.bundle.DefaultModel;
import org.plankton.core.bundle.WeightStorage;
import org.plankton.core.weights.Safetensors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plankton convert --weights float16 [--model M] --out DIR}: the model or ensemble with its
 * weights stored in half the bytes (or widened back with {@code float32}). Nothing else changes:
 * classes, calibration, domain statistics, card and metrics are copied; model.onnx is exported
 * anew from the stored weights.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Copy a model bundle or ensemble with its weights stored as float16 (half the size; computed in "
                + "float32 on load) or float32.")
final class ConvertCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Model bundle or ensemble folder (default: the bundled model, models/"
            + DefaultModel.NAME + ").")
    Path model;

    @Option(names = "--out", required = true, description = "Where to write the copy (may be --model itself: converted "
            + "in place, atomically).")
    Path out;

    @Option(names = "--weights", required = true, paramLabel = "float16|float32",
            description = "How to store the weights: float16 (each rounded to the nearest half, 3 significant digits) "
                    + "or float32.")
    String weights;

    @Option(names = "--no-onnx", description = "Keep no model.onnx files (about half of a float16 bundle): the onnx "
            + "engine exports each network in memory when it loads it, and export-onnx writes the file on demand.")
    boolean noOnnx;

    @Override
    public Integer call() throws Exception {
        Safetensors.Dtype dtype = switch (weights.toLowerCase(Locale.ROOT)) {
            case "float16", "f16", "half" -> Safetensors.Dtype.F16;
            case "float32", "f32", "float" -> Safetensors.Dtype.F32;
            default -> throw new IllegalArgumentException("--weights takes float16 or float32, got '" + weights + "'");
        };
        Path dir = DefaultModel.resolve(model);
        long before = bytes(dir);
        int members = WeightStorage.convert(dir, out, dtype, !noOnnx);
        System.out.printf(Locale.ROOT, "wrote %s: %s with %s weights, %.1f MB (was %.1f MB)%n", out,
                members > 1 ? "ensemble of " + members + " members" : "model", dtype == Safetensors.Dtype.F16
                        ? "float16" : "float32", bytes(out) / 1e6, before / 1e6);
        return PlanktonCli.EXIT_OK;
    }

    private static long bytes(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            long sum = 0;
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                sum += Files.size(p);
            }
            return sum;
        }
    }
}
