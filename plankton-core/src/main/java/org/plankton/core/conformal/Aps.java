package org.plankton.core.conformal;

import java.util.Arrays;

/**
 * The APS conformity score: the probability mass of the classes ranked above a class, plus a
 * uniform share {@code u} of its own. Randomising by {@code u} makes coverage exact rather than
 * conservative (non-randomised APS over-covers, most with a confident model: the top class's whole
 * mass counts). {@code u} is not drawn from a stream but hashed from the probabilities with a fixed
 * seed, so an image's set does not depend on what was classified before it or in which order.
 */
final class Aps {

    /** Seed of the hash that gives each image its {@code u}. */
    static final long SEED = 0x5EED_0018L;

    private Aps() {
    }

    /** Class indices by decreasing probability (ties: lower index first). */
    static int[] order(float[] p) {
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> p[a] != p[b] ? Float.compare(p[b], p[a]) : Integer.compare(a, b));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Each class's score {@code mass above it + u * its own}, in class order; 0 for the top class.
     * Sets always hold the top class (randomised APS could otherwise return none); scoring it 0 in
     * calibration too keeps "in the set" and "score at most the threshold" the same event, so the
     * coverage stays at the target instead of the forced inclusion adding some 3 points on top.
     */
    static double[] scores(float[] p) {
        int[] order = order(p);
        double u = u(p);
        double[] s = new double[p.length];
        double above = 0;
        for (int c : order) {
            s[c] = above + u * p[c];
            above += p[c];
        }
        s[order[0]] = 0;
        return s;
    }

    /** A pseudo-uniform number in [0, 1) from the probabilities' bits (SplitMix64 finaliser). */
    static double u(float[] p) {
        long z = Arrays.hashCode(p) * 0x9E3779B97F4A7C15L + SEED;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }

    /**
     * The split-conformal quantile: the ceil((n+1)(1-alpha))-th smallest score, which a new
     * exchangeable score stays at or below with probability at least {@code coverage}; above 1
     * (every class) when there are too few scores for that rank.
     */
    static double quantile(double[] scores, double coverage) {
        double[] s = scores.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil((s.length + 1) * coverage);
        return rank > s.length ? ConformalSets.ALL : s[Math.max(rank, 1) - 1];
    }
}
