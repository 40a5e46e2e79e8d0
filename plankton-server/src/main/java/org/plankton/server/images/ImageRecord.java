package org.plankton.server.images;

import java.util.Map;
import org.plankton.server.inference.Trust;

/**
 * An image as stored, with its prediction and current review state ({@code label} is the latest
 * annotation's label, or the predicted class when nobody has reviewed it); {@code trust} is
 * {@link Trust#NONE} for images stored before the trust fields existed.
 */
public record ImageRecord(long id, long sampleId, String sha256, String originalName, String format, long byteSize,
                          int width, int height, String modelId, String predictedClass, double predictedProb,
                          Map<String, Double> probabilities, String created, Status status, String label,
                          String annotatedBy, String annotatedAt, Trust trust) {
}
