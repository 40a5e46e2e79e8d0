package org.plankton.nn.infer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.BundleWriter;
import org.plankton.core.calibration.Calibration;
import org.plankton.core.calibration.TemperatureScaling;
import org.plankton.core.image.GrayImage;
import org.plankton.core.metrics.Evaluation;
import org.plankton.nn.engine.InferenceEngines;

/**
 * Fits a bundle's temperature scaling on labelled held-out images, saves it in the bundle
 * ({@code calibration.json}, applied by default from then on) and records the validation metrics
 * before and after in {@code metrics.json}.
 *
 * @param before metrics of the uncalibrated model
 * @param after  metrics with the fitted temperature
 */
public record ModelCalibration(TemperatureScaling temperature, Evaluation before, Evaluation after) {

    public static ModelCalibration fit(Path bundleDir, List<GrayImage> images, int[] labels)
            throws IOException, BundleException {
        return fit(bundleDir, images, labels, 1, false);
    }

    /**
     * As {@link #fit(Path, List, int[])}, for predictions averaged over {@code views} test-time
     * augmentation views ({@code 1}: plain predictions, the default temperature). A TTA temperature
     * is stored next to the plain one and used whenever that TTA setting is.
     */
    public static ModelCalibration fit(Path bundleDir, List<GrayImage> images, int[] labels, int views,
                                       boolean geometric) throws IOException, BundleException {
        return fit(bundleDir, images, labels, views, geometric, null);
    }

    /**
     * As {@link #fit(Path, List, int[], int, boolean)}, also recording the training class mix
     * ({@code trainPriors}, in class order; null keeps what the bundle has), which
     * abundance estimates correct for (see {@link org.plankton.core.quantify.PriorShift}).
     */
    public static ModelCalibration fit(Path bundleDir, List<GrayImage> images, int[] labels, int views,
                                       boolean geometric, double[] trainPriors) throws IOException, BundleException {
        Fitted fitted = fitOnly(bundleDir, images, labels, views, geometric, trainPriors);
        // The temperature is inside model.onnx's graph too, so calibration.json, metrics.json,
        // model.onnx and the manifest change together: the bundle is rewritten as a whole (atomically,
        // once the network is closed), never left with a calibration its model.onnx does not have.
        BundleWriter.rewrite(bundleDir, copy -> {
            fitted.calibration().writeTo(copy);
            BundleWriter.updateMetrics(copy, fitted.metrics());
        });
        return fitted.result();
    }

    /** What calibrating found, before anything is written. */
    private record Fitted(ModelCalibration result, Calibration calibration, Map<String, Object> metrics) {
    }

    private static Fitted fitOnly(Path bundleDir, List<GrayImage> images, int[] labels, int views,
                                  boolean geometric, double[] trainPriors)
            throws IOException, BundleException {
        // Uncalibrated: the temperature is fitted to the raw (view-averaged) probabilities. One view ignores geometric.
        InferenceSettings raw = InferenceSettings.defaults().withCalibrated(false)
                .withTta(Math.max(1, views), views > 1 && geometric);
        try (Classifier model = Classifier.load(bundleDir, raw, InferenceEngines.torch())) {
            if (model.isEnsemble()) {
                throw new IllegalArgumentException(bundleDir + " is an ensemble: calibrate its member models instead "
                        + "(an ensemble blends its members' calibrated probabilities)");
            }
            float[][] probs = model.predict(images);
            TemperatureScaling t = TemperatureScaling.fit(probs, labels);
            float[][] scaled = new float[probs.length][];
            for (int i = 0; i < probs.length; i++) {
                scaled[i] = t.apply(probs[i]);
            }
            Evaluation before = Evaluation.of(probs, labels, model.classes());
            Evaluation after = Evaluation.of(scaled, labels, model.classes());
            Calibration updated = Calibration.readFrom(bundleDir).withTta(views, geometric, t);
            if (trainPriors != null) {
                if (trainPriors.length != model.classes().size()) {
                    throw new IllegalArgumentException("class priors for " + trainPriors.length + " classes, the model has "
                            + model.classes().size());
                }
                updated = updated.withClassPriors(trainPriors);
            }
            Map<String, Object> metrics = new LinkedHashMap<>(model.bundle().metrics());
            if (views <= 1) {
                metrics.putAll(after.summary());
                metrics.put("temperature", t.temperature());
                metrics.put("uncalibrated", before.summary());
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> tta = metrics.get("tta") instanceof Map<?, ?> m
                        ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
                Map<String, Object> entry = new LinkedHashMap<>(after.summary());
                entry.put("temperature", t.temperature());
                entry.put("uncalibrated", before.summary());
                tta.put(Calibration.key(views, geometric), entry);
                metrics.put("tta", tta);
            }
            return new Fitted(new ModelCalibration(t, before, after), updated, metrics);
        }
    }

    /** Class proportions of labels {@code 0..classes-1}. */
    public static double[] proportions(int[] labels, int classes) {
        double[] p = new double[classes];
        for (int y : labels) {
            p[y] += 1.0 / labels.length;
        }
        return p;
    }

    public String describe() {
        return String.format(java.util.Locale.ROOT, "temperature %.3f; log loss %.4f -> %.4f, calibration error "
                        + "%.4f -> %.4f (%d images)", temperature.temperature(), before.logLoss(), after.logLoss(),
                before.expectedCalibrationError(), after.expectedCalibrationError(), before.images());
    }
}
