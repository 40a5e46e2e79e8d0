package org.plankton.nn.engine;

/**
 * What a network computes just before its output layer, with its output: per image, the
 * penultimate-layer features (for a network of several branches summed at the end, such as the
 * late fusion of size features, the branches' penultimate activations side by side: the logits
 * are one linear map of that concatenation) and the logits, both float32.
 */
public record FeatureBatch(float[][] features, float[][] logits) {

    public FeatureBatch {
        if (features.length != logits.length) {
            throw new IllegalArgumentException(features.length + " feature rows but " + logits.length + " logit rows");
        }
    }

    /** Width of the feature rows (0 for an empty batch). */
    public int width() {
        return features.length == 0 ? 0 : features[0].length;
    }

    /** Softmax of each row of logits, computed in double. */
    public float[][] probabilities() {
        float[][] out = new float[logits.length][];
        for (int r = 0; r < logits.length; r++) {
            float[] z = logits[r];
            double max = Double.NEGATIVE_INFINITY;
            for (float v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (float v : z) {
                sum += Math.exp(v - max);
            }
            out[r] = new float[z.length];
            for (int i = 0; i < z.length; i++) {
                out[r][i] = (float) (Math.exp(z[i] - max) / sum);
            }
        }
        return out;
    }
}
