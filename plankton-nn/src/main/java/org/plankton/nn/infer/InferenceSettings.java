package org.plankton.nn.infer;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;
import org.plankton.nn.engine.InferenceEngine;
import org.plankton.nn.engine.InferenceEngines;
import org.plankton.nn.engine.Precision;

/**
 * How a {@link Classifier} runs, fixed when it is loaded ({@link Classifier#load(java.nio.file.Path,
 * InferenceSettings)}). One type for every caller, so that {@code classify}, {@code evaluate}, the server
 * and the Spark executors cannot configure a classifier differently or in the wrong order: the CLI builds
 * it from its options, the server from its config, and Spark sends it to its executors (hence
 * {@link Serializable}; all components are plain values). The values are checked here, once.
 *
 * @param ttaViews      views averaged per image: the image and {@code ttaViews - 1} Halton-sequence
 *                      transforms within {@link org.plankton.core.augment.AugmentConfig#testTime()}; 1 is
 *                      plain prediction ({@code --tta})
 * @param geometricMean geometric instead of arithmetic mean of the views' probabilities ({@code --tta-geometric})
 * @param calibrated    apply each model's temperature scaling ({@code calibration.json}); on by default
 *                      ({@code --no-calibration} turns it off)
 * @param precision     network precision, {@link Precision#FP32} (default) or {@link Precision#BF16}
 *                      (autocast, torch engine only)
 * @param engine        inference engine id ({@code onnx}, {@code torch}); null for the default (see
 *                      {@link #inferenceEngine()})
 * @param loaderThreads threads decoding files ahead of the network in {@link Classifier#classifyFiles}: 1
 *                      (default) or 0 to decode in the calling thread
 */
public record InferenceSettings(int ttaViews, boolean geometricMean, boolean calibrated, Precision precision,
                                String engine, int loaderThreads) implements Serializable {

    /** The most views {@link org.plankton.core.augment.TestTimeAugmentation} makes. */
    public static final int MAX_TTA_VIEWS = 1000;
    private static final Pattern ENGINE_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    public InferenceSettings {
        if (ttaViews < 1 || ttaViews > MAX_TTA_VIEWS) {
            throw new IllegalArgumentException("TTA views must be in [1, " + MAX_TTA_VIEWS + "], got " + ttaViews);
        }
        Objects.requireNonNull(precision, "precision must not be null (fp32 or bf16)");
        if (engine != null && !ENGINE_ID.matcher(engine).matches()) {
            throw new IllegalArgumentException("engine must be an engine name such as " + InferenceEngines.ONNX
                    + " or " + InferenceEngines.TORCH + " (or unset for the default), got '" + engine + "'");
        }
        if (loaderThreads < 0 || loaderThreads > 1) {
            throw new IllegalArgumentException("loader threads must be 0 or 1, got " + loaderThreads);
        }
    }

    /** What {@code plankton classify} does without options: one view, calibrated, fp32, default engine. */
    public static InferenceSettings defaults() {
        return new InferenceSettings(1, false, true, Precision.FP32, null, 1);
    }

    public InferenceSettings withTta(int views, boolean geometric) {
        return new InferenceSettings(views, geometric, calibrated, precision, engine, loaderThreads);
    }

    public InferenceSettings withTta(int views) {
        return withTta(views, geometricMean);
    }

    public InferenceSettings withCalibrated(boolean on) {
        return new InferenceSettings(ttaViews, geometricMean, on, precision, engine, loaderThreads);
    }

    public InferenceSettings withPrecision(Precision p) {
        return new InferenceSettings(ttaViews, geometricMean, calibrated, p, engine, loaderThreads);
    }

    public InferenceSettings withEngine(String id) {
        return new InferenceSettings(ttaViews, geometricMean, calibrated, precision, id, loaderThreads);
    }

    public InferenceSettings withLoaderThreads(int threads) {
        return new InferenceSettings(ttaViews, geometricMean, calibrated, precision, engine, threads);
    }

    /**
     * The engine these settings name, looked up in the calling JVM; for none, the default one
     * ({@link InferenceEngines#defaultEngine()}) at fp32 and libtorch at bf16. A one-line
     * IllegalArgumentException for an unknown engine or a precision it lacks.
     */
    public InferenceEngine inferenceEngine() {
        InferenceEngine e = engine != null ? InferenceEngines.named(engine)
                : precision == Precision.FP32 ? InferenceEngines.defaultEngine() : InferenceEngines.torch();
        requireSupportedBy(e);
        return e;
    }

    /** An IllegalArgumentException naming the way out when {@code e} cannot compute at {@link #precision}. */
    public void requireSupportedBy(InferenceEngine e) {
        if (!e.supports(precision)) {
            throw new IllegalArgumentException("--precision " + precision.id() + " is not available with --engine "
                    + e.id() + " (it computes in fp32); use --engine torch for " + precision.id());
        }
    }
}
