package org.plankton.nn.train;

/** A prepared batch: {@code size} images of {@code side x side} floats (NCHW, C=1) and their labels. */
public record Batch(float[] pixels, int[] labels, int size, int side) {
}
