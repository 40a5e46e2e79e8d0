package org.plankton.nn.engine;

/**
 * A prepared training batch: {@code size} input rows as {@link org.plankton.nn.arch.InputLayout} lays
 * them out (the {@code side x side} pixels, then any extra inputs) and their labels.
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
