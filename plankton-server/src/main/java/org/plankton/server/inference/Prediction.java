package org.plankton.server.inference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plankton.core.data.ClassList;
import org.plankton.core.metrics.Argmax;

/**
 * One image's full probability vector, with the model that produced it. Kept whole (users ask
 * for every probability, not only the winner), in the model's class order; {@code trust} says how
 * far to believe it (out-of-domain score, back-off group, prediction set, reject option).
 */
public record Prediction(String modelId, List<String> classes, float[] probabilities, Trust trust) {

    public Prediction {
        if (classes.size() != probabilities.length) {
            throw new IllegalArgumentException("expected " + classes.size() + " probabilities, got " + probabilities.length);
        }
        trust = trust == null ? Trust.NONE : trust;
    }

    static Prediction of(String modelId, ClassList classes, float[] probabilities, Trust trust) {
        return new Prediction(modelId, classes.names(), probabilities, trust);
    }

    public int topIndex() {
        return Argmax.of(probabilities);
    }

    public String topClass() {
        return classes.get(topIndex());
    }

    public float topProbability() {
        return probabilities[topIndex()];
    }

    /** Class name to probability, in the model's class order. */
    public Map<String, Float> asMap() {
        Map<String, Float> m = new LinkedHashMap<>();
        for (int i = 0; i < probabilities.length; i++) {
            m.put(classes.get(i), probabilities[i]);
        }
        return m;
    }

    /** The {@code k} most probable classes, best first (ties in class order). */
    public List<Map.Entry<String, Float>> top(int k) {
        List<Map.Entry<String, Float>> all = new ArrayList<>(asMap().entrySet());
        all.sort(Comparator.comparing((Map.Entry<String, Float> e) -> e.getValue()).reversed());
        return all.subList(0, Math.min(k, all.size()));
    }
}
