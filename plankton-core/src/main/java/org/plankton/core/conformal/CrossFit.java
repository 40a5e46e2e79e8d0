package org.plankton.core.conformal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Honest figures for fitted thresholds: the images are split in two halves at random (fixed seed),
 * thresholds fitted on one half are measured on the other, and both ways round are pooled, so no
 * image is ever measured by thresholds fitted on itself.
 */
public final class CrossFit {

    /**
     * @param covered   per class: images whose set held their class
     * @param images    per class: images
     * @param setSizes  sum of set sizes
     */
    public record Coverage(long[] covered, long[] images, long setSizes) {
        public double overall() {
            long c = 0;
            long n = 0;
            for (int k = 0; k < images.length; k++) {
                c += covered[k];
                n += images[k];
            }
            return (double) c / n;
        }

        public double meanSetSize() {
            long n = 0;
            for (long i : images) {
                n += i;
            }
            return (double) setSizes / n;
        }
    }

    /** Accepted images, how many of them were right, and all images. */
    public record Rejection(long accepted, long correct, long images) {
        public double acceptedAccuracy() {
            return accepted == 0 ? Double.NaN : (double) correct / accepted;
        }

        public double rejectedShare() {
            return 1 - (double) accepted / images;
        }
    }

    private CrossFit() {
    }

    /** The two halves: {@code halves(n, seed)[i]} is 0 or 1. */
    static int[] halves(int n, long seed) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            idx.add(i);
        }
        java.util.Collections.shuffle(idx, new Random(seed));
        int[] half = new int[n];
        for (int k = 0; k < n; k++) {
            half[idx.get(k)] = k % 2;
        }
        return half;
    }

    public static Coverage coverage(LabelledProbabilities d, int classes, double coverage, int minClassImages, long seed) {
        long[] covered = new long[classes];
        long[] images = new long[classes];
        long sizes = 0;
        int[] half = halves(d.size(), seed);
        for (int h = 0; h < 2; h++) {
            ConformalSets sets = ConformalSets.fit(part(d, half, 1 - h).probabilities(), part(d, half, 1 - h).labels(),
                    classes, coverage, minClassImages);
            LabelledProbabilities test = part(d, half, h);
            for (int i = 0; i < test.size(); i++) {
                List<Integer> s = sets.set(test.probabilities().get(i));
                int y = test.labels()[i];
                images[y]++;
                covered[y] += s.contains(y) ? 1 : 0;
                sizes += s.size();
            }
        }
        return new Coverage(covered, images, sizes);
    }

    /** A reject rule fitted on one half by {@code fit} and measured on the other, both ways. */
    public static Rejection rejection(LabelledProbabilities d, int classes, long seed,
                                      BiFunction<LabelledProbabilities, Integer, RejectThresholds> fit) {
        long accepted = 0;
        long correct = 0;
        int[] half = halves(d.size(), seed);
        for (int h = 0; h < 2; h++) {
            RejectThresholds r = fit.apply(part(d, half, 1 - h), classes);
            LabelledProbabilities test = part(d, half, h);
            for (int i = 0; i < test.size(); i++) {
                float[] p = test.probabilities().get(i);
                if (r.accept(p)) {
                    accepted++;
                    correct += RejectThresholds.top(p) == test.labels()[i] ? 1 : 0;
                }
            }
        }
        return new Rejection(accepted, correct, d.size());
    }

    static LabelledProbabilities part(LabelledProbabilities d, int[] half, int which) {
        List<float[]> p = new ArrayList<>();
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            if (half[i] == which) {
                p.add(d.probabilities().get(i));
                l.add(d.labels()[i]);
            }
        }
        return new LabelledProbabilities(p, l.stream().mapToInt(Integer::intValue).toArray());
    }
}
