package org.plankton.nn.train;

/**
 * A prepared batch: {@code size} images of {@code side x side} floats (NCHW, C=1) and their labels.
 *
 * @param targets null for hard labels; otherwise {@code size x classes} target probabilities (one-hot
 *                for labelled images, a teacher's probabilities for pseudo-labelled ones)
 */
public record Batch(float[] pixels, int[] labels, int size, int side, float[] targets) {

    /** A batch with hard labels only. */
    public Batch(float[] pixels, int[] labels, int size, int side) {
        this(pixels, labels, size, side, null);
    }
}
