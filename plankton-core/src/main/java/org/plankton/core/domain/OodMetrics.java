package org.plankton.core.domain;

import java.util.Arrays;

/**
 * How well a score separates out-of-domain images (positives: higher scores) from in-domain ones.
 *
 * @param auroc          probability that a random out-of-domain image scores above a random in-domain one
 *                       (ties count half); 0.5 is chance, 1 perfect
 * @param fprAt95Recall  fraction of out-of-domain images that pass (are not flagged) at the threshold that
 *                       lets 95% of the in-domain images pass: the usual "FPR at 95% TPR" with in-domain as
 *                       the positive class
 */
public record OodMetrics(double auroc, double fprAt95Recall, int inDomain, int outOfDomain) {

    public static OodMetrics of(double[] inDomainScores, double[] outOfDomainScores) {
        if (inDomainScores.length == 0 || outOfDomainScores.length == 0) {
            throw new IllegalArgumentException("need scores of both in-domain and out-of-domain images");
        }
        return new OodMetrics(auroc(inDomainScores, outOfDomainScores),
                passing(outOfDomainScores, DomainFit.threshold(inDomainScores, 0.95)),
                inDomainScores.length, outOfDomainScores.length);
    }

    /** Mann-Whitney U over the pooled ranks: O(n log n). */
    static double auroc(double[] in, double[] out) {
        int n = in.length + out.length;
        double[][] all = new double[n][];
        for (int i = 0; i < in.length; i++) {
            all[i] = new double[] {in[i], 0};
        }
        for (int i = 0; i < out.length; i++) {
            all[in.length + i] = new double[] {out[i], 1};
        }
        Arrays.sort(all, (a, b) -> Double.compare(a[0], b[0]));
        double rankSumOut = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && all[j + 1][0] == all[i][0]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1; // ties share their mean rank
            for (int k = i; k <= j; k++) {
                if (all[k][1] == 1) {
                    rankSumOut += rank;
                }
            }
            i = j + 1;
        }
        double u = rankSumOut - out.length * (out.length + 1) / 2.0;
        return u / ((double) in.length * out.length);
    }

    private static double passing(double[] scores, double threshold) {
        long pass = Arrays.stream(scores).filter(s -> s <= threshold).count();
        return (double) pass / scores.length;
    }

    public String describe() {
        return String.format(java.util.Locale.ROOT, "AUROC %.4f, FPR at 95%% in-domain recall %.4f (%d in-domain, "
                + "%d out-of-domain images)", auroc, fprAt95Recall, inDomain, outOfDomain);
    }
}
