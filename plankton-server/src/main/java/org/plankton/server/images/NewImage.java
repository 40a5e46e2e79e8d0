package org.plankton.server.images;

import java.util.Map;
import org.plankton.server.inference.Trust;

/**
 * What an upload adds: the content's identity, its shape, the model's full answer, trust fields
 * included, and the object's area in pixels ({@code areaPx}, null when not measured), from which
 * the counts derive sizes once the sample's pixel size is known.
 */
public record NewImage(long sampleId, String sha256, String originalName, String format, long byteSize, int width,
                       int height, String modelId, String predictedClass, double predictedProb,
                       Map<String, Float> probabilities, Trust trust, Double areaPx) {

    public NewImage {
        trust = trust == null ? Trust.NONE : trust;
    }

    /** Without an area (callers that measure none). */
    public NewImage(long sampleId, String sha256, String originalName, String format, long byteSize, int width,
                    int height, String modelId, String predictedClass, double predictedProb,
                    Map<String, Float> probabilities, Trust trust) {
        this(sampleId, sha256, originalName, format, byteSize, width, height, modelId, predictedClass, predictedProb,
                probabilities, trust, null);
    }
}
