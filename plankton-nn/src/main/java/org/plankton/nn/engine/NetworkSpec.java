package org.plankton.nn.engine;

import java.util.Objects;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;

/**
 * What network to build: the architecture, the number of classes of its output layer and the side
 * of its (square) input image. Everything an engine needs to lay out parameters and input rows.
 */
public record NetworkSpec(ArchitectureConfig architecture, int numClasses, int imageSize) {

    public NetworkSpec {
        Objects.requireNonNull(architecture, "architecture");
        if (numClasses < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + numClasses);
        }
        if (imageSize < 1) {
            throw new IllegalArgumentException("image size must be >= 1, got " + imageSize);
        }
    }

    /** How one image is laid out in the network's input rows. */
    public InputLayout layout() {
        return InputLayout.of(architecture, imageSize);
    }
}
