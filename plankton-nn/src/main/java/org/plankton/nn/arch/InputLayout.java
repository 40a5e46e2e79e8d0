package org.plankton.nn.arch;

import org.plankton.core.features.SizeFeatures;
import org.plankton.core.image.GrayImage;
import org.plankton.core.preprocess.Affine;
import org.plankton.core.preprocess.Preprocessor;

/**
 * How one image is laid out in the network's input array: {@code side x side} preprocessed pixels;
 * then, when the network has a fixed-scale branch, the image at that fixed scale on a canvas of
 * {@link #fixedSide()}; then the original image's size features when the network fuses them. Every
 * place that prepares network input (training batches, validation, inference) writes through this
 * class, so they cannot disagree.
 */
public record InputLayout(int side, boolean sizeFeatures, float fixedScale) {

    public InputLayout(int side, boolean sizeFeatures) {
        this(side, sizeFeatures, 0f);
    }

    public static InputLayout of(ArchitectureConfig arch, int side) {
        return new InputLayout(side, arch.sizeFeatures(), arch.fixedScale());
    }

    /** Side of the fixed-scale canvas (0 without that branch): half the input's side. */
    public int fixedSide() {
        return fixedScale > 0 ? Math.max(8, side / 2) : 0;
    }

    /** Whether each image is one flat row (extra inputs) rather than a 1-channel plane. */
    public boolean flat() {
        return sizeFeatures || fixedScale > 0;
    }

    /** Floats per image. */
    public int length() {
        return side * side + fixedSide() * fixedSide() + (sizeFeatures ? SizeFeatures.COUNT : 0);
    }

    /** Renders {@code image} (through {@code affine}) and its extra inputs into {@code out} at image slot {@code index}. */
    public void write(Preprocessor preprocessor, GrayImage image, Affine affine, float[] out, int index) {
        write(preprocessor, image, affine, out, index, null);
    }

    /** The size features {@link #write} would add for {@code image}, or null when this layout has none. */
    public float[] features(Preprocessor preprocessor, GrayImage image) {
        return sizeFeatures ? SizeFeatures.of(image, preprocessor.config().invert()) : null;
    }

    /**
     * As {@link #write(Preprocessor, GrayImage, Affine, float[], int)}, with the image's size features
     * computed already ({@link #features}; null: compute them here). They depend on the image only,
     * not on the view, so test-time augmentation computes them once for all its views.
     */
    public void write(Preprocessor preprocessor, GrayImage image, Affine affine, float[] out, int index,
                      float[] features) {
        int offset = index * length();
        preprocessor.render(image, affine, out, offset);
        offset += side * side;
        if (fixedScale > 0) {
            int fs = fixedSide();
            Preprocessor fixed = new Preprocessor(preprocessor.config().withImageSize(fs), fixedScale);
            // The same augmentation, its translation scaled to the smaller canvas.
            double k = fs / (double) side;
            Affine a = new Affine(affine.a(), affine.b(), affine.c() * k, affine.d(), affine.e(), affine.f() * k);
            fixed.render(image, a, out, offset);
            offset += fs * fs;
        }
        if (sizeFeatures) {
            // Features of the original image, not of the augmented view: size is a fact about the
            // organism, and the augmented zoom must not change it.
            if (features != null) {
                System.arraycopy(features, 0, out, offset, SizeFeatures.COUNT);
            } else {
                SizeFeatures.write(image, preprocessor.config().invert(), out, offset);
            }
        }
    }
}
