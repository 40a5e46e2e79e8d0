package org.plankton.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.nn.engine.InferenceEngine;
import org.plankton.nn.engine.Precision;
import org.plankton.nn.infer.Classifier;
import org.plankton.nn.infer.InferenceSettings;
import org.plankton.onnx.OrtEngine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Option;

/**
 * The inference options of {@code classify}, {@code evaluate} and {@code fit-sets} as picocli parses them: a
 * mixin that only builds the one {@link InferenceSettings} record ({@link #toSettings()}), which checks the
 * values, plus the CLI's own {@code --onnx-model} (an engine made from a file, which the record cannot name).
 */
final class InferenceOptions {

    @Option(names = "--tta", description = "Average over N views: the image and N-1 quasi-random (Halton) affine "
            + "transforms with the recipe's test-time ranges (default: ${DEFAULT-VALUE}, plain prediction).")
    int views = 1;

    @Option(names = "--tta-geometric", description = "Combine views by geometric instead of arithmetic mean.")
    boolean geometric;

    @Option(names = "--no-calibration", description = "Do not apply the model's temperature scaling.")
    boolean noCalibration;

    @Option(names = "--precision", converter = PrecisionConverter.class, description = "fp32 or bf16: bf16 runs the "
            + "convolutions and matrix products in bfloat16 (autocast; fast on CPUs with AVX-512 BF16 or AMX), "
            + "probabilities within about 0.02 of fp32's (default: fp32).")
    Precision precision = Precision.FP32;

    @Option(names = "--engine", description = "onnx (ONNX Runtime, fp32: the bundle's model.onnx, or its network "
            + "exported in memory when it has none) or torch (libtorch, also bf16); default: onnx, torch with "
            + "--precision bf16.")
    String engine;

    @Option(names = "--onnx-model", paramLabel = "FILE", description = "With --engine onnx: run this .onnx file "
            + "instead of the bundle's own graph, e.g. an int8 export (export-onnx --quantize int8); it must be the "
            + "model's network (classes, preprocessing and architecture are checked). One model, not an ensemble.")
    Path onnxModel;

    /** The options as the settings a classifier is loaded with; an IllegalArgumentException for a bad value. */
    InferenceSettings toSettings() {
        return new InferenceSettings(views, geometric, !noCalibration, precision, engine, 1);
    }

    /** {@code model} loaded with these settings, on {@link #engine(Path)}. */
    Classifier load(Path model) throws BundleException {
        return Classifier.load(model, toSettings(), engine(model));
    }

    /**
     * The engine asked for, to run {@code model}; a one-line IllegalArgumentException for an unknown
     * one, a precision it lacks, or an {@code --onnx-model} it cannot run.
     */
    InferenceEngine engine(Path model) {
        InferenceSettings settings = toSettings();
        if (onnxModel == null) {
            return settings.inferenceEngine();
        }
        if (EnsembleBundle.isEnsemble(model)) {
            throw new IllegalArgumentException("--onnx-model runs one model; " + model + " is an ensemble");
        }
        if (engine != null && !engine.equals(OrtEngine.ID) || precision != Precision.FP32) {
            throw new IllegalArgumentException("--onnx-model needs --engine onnx (the default) and fp32");
        }
        if (!Files.isRegularFile(onnxModel)) {
            throw new IllegalArgumentException("--onnx-model " + onnxModel + ": no such file");
        }
        return OrtEngine.withModelFile(onnxModel); // fp32, checked above
    }

    /** {@code fp32} or {@code bf16}, any case; a usage error (exit 2) naming the choices otherwise. */
    static final class PrecisionConverter implements ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            try {
                return Precision.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
