package org.plankton.nn.arch;

import ai.djl.ndarray.types.Shape;
import org.plankton.core.features.SizeFeatures;
import org.plankton.core.image.GrayImage;
import org.plankton.core.preprocess.Affine;
import org.plankton.core.preprocess.Preprocessor;

/**
 * How one image is laid out in the network's input array: {@code side x side} preprocessed pixels,
 * followed by the original image's size features when the network fuses them. Every place that
 * prepares network input (training batches, validation, inference) writes through this class.
 */
public record InputLayout(int side, boolean sizeFeatures) {

    public static InputLayout of(ArchitectureConfig arch, int side) {
        return new InputLayout(side, arch.sizeFeatures());
    }

    /** Floats per image. */
    public int length() {
        return side * side + (sizeFeatures ? SizeFeatures.COUNT : 0);
    }

    /** The input shape of a batch of {@code n}. */
    public Shape shape(long n) {
        return sizeFeatures ? new Shape(n, length()) : new Shape(n, 1, side, side);
    }

    /** Renders {@code image} (through {@code affine}) and its features into {@code out} at image slot {@code index}. */
    public void write(Preprocessor preprocessor, GrayImage image, Affine affine, float[] out, int index) {
        int offset = index * length();
        preprocessor.render(image, affine, out, offset);
        if (sizeFeatures) {
            // Features of the original image, not of the augmented view: size is a fact about the
            // organism, and the augmented zoom must not change it.
            SizeFeatures.write(image, preprocessor.config().invert(), out, offset + side * side);
        }
    }
}
