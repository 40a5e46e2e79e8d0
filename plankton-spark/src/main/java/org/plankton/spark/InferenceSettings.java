package org.plankton.spark;

import java.io.Serializable;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.nn.engine.InferenceEngine;
import org.plankton.nn.engine.InferenceEngines;
import org.plankton.nn.infer.Classifier;

/**
 * How the executors run the model; sent to them with each task, hence {@link Serializable}.
 *
 * @param ttaViews    views averaged per image (1 = plain prediction), as {@code classify --tta}
 * @param geometric   geometric instead of arithmetic mean of the views
 * @param calibrated  apply the bundle's temperature scaling (as {@code classify} does by default)
 * @param batchSize   images decoded and sent to the network together within a partition
 * @param engine      inference engine id ({@code onnx}, {@code torch}); null for the default (onnx, so that
 *                    executors never load libtorch unless asked to)
 */
public record InferenceSettings(int ttaViews, boolean geometric, boolean calibrated, int batchSize, String engine)
        implements Serializable {

    public InferenceSettings {
        if (ttaViews < 1) {
            throw new IllegalArgumentException("TTA views must be >= 1, got " + ttaViews);
        }
        if (batchSize < 1 || batchSize > 4096) {
            throw new IllegalArgumentException("batch size must be in [1, 4096], got " + batchSize);
        }
    }

    /** What {@code plankton classify} does without options. */
    public static InferenceSettings defaults() {
        return new InferenceSettings(1, false, true, Classifier.DEFAULT_BATCH_SIZE, null);
    }

    public InferenceSettings withTta(int views) {
        return new InferenceSettings(views, geometric, calibrated, batchSize, engine);
    }

    public InferenceSettings withEngine(String id) {
        return new InferenceSettings(ttaViews, geometric, calibrated, batchSize, id);
    }

    /** The engine these settings ask for (the default one for null), looked up in the calling JVM. */
    InferenceEngine inferenceEngine() {
        return InferenceEngines.namedOrDefault(engine);
    }

    /** Applies the settings that belong to the classifier (not the batch size, which is the caller's). */
    void applyTo(Classifier classifier) {
        classifier.setCalibrated(calibrated);
        classifier.setTestTimeAugmentation(ttaViews, AugmentConfig.testTime(), geometric);
    }
}
