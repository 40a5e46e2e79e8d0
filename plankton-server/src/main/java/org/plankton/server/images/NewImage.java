package org.plankton.server.images;

import java.util.Map;
import org.plankton.server.inference.Trust;

/** What an upload adds: the content's identity, its shape and the model's full answer, trust fields included. */
public record NewImage(long sampleId, String sha256, String originalName, String format, long byteSize, int width,
                       int height, String modelId, String predictedClass, double predictedProb,
                       Map<String, Float> probabilities, Trust trust) {

    public NewImage {
        trust = trust == null ? Trust.NONE : trust;
    }
}
