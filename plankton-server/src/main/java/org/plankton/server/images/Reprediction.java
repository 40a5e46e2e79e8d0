package org.plankton.server.images;

import java.util.Map;
import org.plankton.server.inference.Trust;

/**
 * A new prediction for a stored image, from another model version: what replaces the image row's
 * prediction columns (the area and everything a person said stay).
 */
public record Reprediction(String modelId, String predictedClass, double predictedProb, Map<String, Float> probabilities,
                           Trust trust) {

    public Reprediction {
        trust = trust == null ? Trust.NONE : trust;
    }
}
