package org.plankton.cli;

import org.plankton.core.augment.AugmentConfig;
import org.plankton.nn.infer.Classifier;
import picocli.CommandLine.Option;

/** Test-time augmentation options shared by {@code classify} and {@code evaluate}. */
final class TtaOptions {

    @Option(names = "--tta", description = "Average over N views: the image and N-1 quasi-random (Halton) affine "
            + "transforms with the recipe's test-time ranges (default: ${DEFAULT-VALUE}, plain prediction).")
    int views = 1;

    @Option(names = "--tta-geometric", description = "Combine views by geometric instead of arithmetic mean.")
    boolean geometric;

    void applyTo(Classifier classifier) {
        classifier.setTestTimeAugmentation(views, AugmentConfig.testTime(), geometric);
    }
}
