package org.plankton.server.images;

/**
 * Images of one class in a sample: {@code predicted} by the model, {@code validated} by people
 * (their latest annotation says this class), and {@code current}, the best count available now
 * (the reviewed label where there is one, else the prediction).
 */
public record ClassCount(String label, long predicted, long validated, long current) {
}
