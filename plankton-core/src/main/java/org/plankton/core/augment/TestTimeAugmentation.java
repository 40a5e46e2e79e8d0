package org.plankton.core.augment;

import java.util.ArrayList;
import java.util.List;
import org.plankton.core.preprocess.Affine;

/**
 * The transform set for test-time augmentation (TTA): predictions are averaged over several
 * affine views of each image. As in the 2015 recipe, the views are quasi-random (Halton points,
 * which cover the transform space more evenly than random draws) with milder ranges than
 * training ({@link AugmentConfig#testTime()}).
 *
 * <p>One view is the identity, so {@code --tta 1} is plain prediction; with
 * {@link AugmentConfig#none()} every view is the identity and the average equals plain prediction.
 */
public final class TestTimeAugmentation {

    private TestTimeAugmentation() {
    }

    /**
     * {@code n} transforms for a canvas of {@code canvasSize}: the identity, then Halton points
     * 1 .. n-1 mapped through {@link RandomAffine#fromUniforms}.
     */
    public static List<Affine> transforms(AugmentConfig ranges, int canvasSize, int n) {
        if (n < 1 || n > 1000) {
            throw new IllegalArgumentException("number of TTA transforms must be in [1, 1000], got " + n);
        }
        List<Affine> out = new ArrayList<>(n);
        out.add(Affine.identity());
        for (int i = 1; i < n; i++) {
            out.add(RandomAffine.fromUniforms(ranges, canvasSize, HaltonSequence.point(i, RandomAffine.DIMENSIONS)));
        }
        return List.copyOf(out);
    }

    /**
     * Combines the probability vectors of one image's views: arithmetic mean, or the geometric mean
     * (mean of logs, renormalised), which punishes a class that any view finds unlikely.
     */
    public static float[] combine(List<float[]> views, boolean geometric) {
        if (views.isEmpty()) {
            throw new IllegalArgumentException("no views to combine");
        }
        int k = views.get(0).length;
        double[] acc = new double[k];
        for (float[] v : views) {
            if (v.length != k) {
                throw new IllegalArgumentException("views disagree on the number of classes: " + k + " vs " + v.length);
            }
            for (int c = 0; c < k; c++) {
                acc[c] += geometric ? Math.log(Math.max(v[c], 1e-30)) : v[c];
            }
        }
        float[] out = new float[k];
        if (geometric) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, acc[c] / views.size());
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                acc[c] = Math.exp(acc[c] / views.size() - max);
                sum += acc[c];
            }
            for (int c = 0; c < k; c++) {
                out[c] = (float) (acc[c] / sum);
            }
        } else {
            for (int c = 0; c < k; c++) {
                out[c] = (float) (acc[c] / views.size());
            }
        }
        return out;
    }
}
