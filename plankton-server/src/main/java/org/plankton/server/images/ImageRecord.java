package org.plankton.server.images;

import java.util.Map;

/**
 * An image as stored, with its prediction and current review state ({@code label} is the latest
 * annotation's label, or the predicted class when nobody has reviewed it).
 */
public record ImageRecord(long id, long sampleId, String sha256, String originalName, String format, long byteSize,
                          int width, int height, String modelId, String predictedClass, double predictedProb,
                          Map<String, Double> probabilities, String created, Status status, String label,
                          String annotatedBy, String annotatedAt) {
}
