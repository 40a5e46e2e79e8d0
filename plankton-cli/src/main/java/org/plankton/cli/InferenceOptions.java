package org.plankton.cli;

import org.plankton.core.augment.AugmentConfig;
import org.plankton.nn.infer.Classifier;
import picocli.CommandLine.Option;

/** Inference options shared by {@code classify} and {@code evaluate}: test-time augmentation, calibration, precision. */
final class InferenceOptions {

    @Option(names = "--tta", description = "Average over N views: the image and N-1 quasi-random (Halton) affine "
            + "transforms with the recipe's test-time ranges (default: ${DEFAULT-VALUE}, plain prediction).")
    int views = 1;

    @Option(names = "--tta-geometric", description = "Combine views by geometric instead of arithmetic mean.")
    boolean geometric;

    @Option(names = "--no-calibration", description = "Do not apply the model's temperature scaling.")
    boolean noCalibration;

    @Option(names = "--fp16", description = "Run the network in float16 (log loss unchanged, but 0.84x the float32 "
            + "speed on the CPU it was measured on; see docs/results.md).")
    boolean fp16;

    void applyTo(Classifier classifier) {
        classifier.setCalibrated(!noCalibration);
        classifier.setTestTimeAugmentation(views, AugmentConfig.testTime(), geometric);
        classifier.setHalfPrecision(fp16);
    }
}
