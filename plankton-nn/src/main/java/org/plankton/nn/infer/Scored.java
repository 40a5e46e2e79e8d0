package org.plankton.nn.infer;

import java.util.ArrayList;
import java.util.List;

/**
 * Probabilities per image and their out-of-domain scores, in input order. The scores come from the
 * same network pass (penultimate features against the bundle's domain.json), so callers that classify
 * decoded images (the server, Spark) get them for free; {@code oodScores} is null when the classifier
 * has no domain model (none in the bundle, an ensemble, or an engine without features).
 */
public record Scored(float[][] probabilities, double[] oodScores) {

    /** Collects chunk results; scores only when every chunk had them. */
    static final class Builder {
        private final List<float[]> probabilities = new ArrayList<>();
        private final List<Double> scores = new ArrayList<>();
        private boolean scored = true;

        void add(float[][] probs, double[] chunkScores) {
            for (int i = 0; i < probs.length; i++) {
                probabilities.add(probs[i]);
                if (chunkScores != null) {
                    scores.add(chunkScores[i]);
                }
            }
            scored &= chunkScores != null;
        }

        Scored build() {
            double[] s = scored && !probabilities.isEmpty() ? scores.stream().mapToDouble(Double::doubleValue).toArray() : null;
            return new Scored(probabilities.toArray(new float[0][]), s);
        }
    }
}
