package org.plankton.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.plankton.core.conformal.ConformalSets;
import org.plankton.core.conformal.CrossFit;
import org.plankton.core.conformal.LabelledProbabilities;
import org.plankton.core.conformal.RejectThresholds;
import org.plankton.core.data.ClassList;
import org.plankton.core.taxonomy.GroupLevel;
import org.plankton.core.taxonomy.GroupPrediction;
import org.plankton.core.taxonomy.Taxonomy;
import org.plankton.core.metrics.Argmax;

/** {@code fit-sets --report}: the figures of docs/results.md's trust section, from labelled probabilities. */
final class TrustReport {

    static final long SEED = 18;

    private TrustReport() {
    }

    static void print(LabelledProbabilities d, ClassList classes, Taxonomy taxonomy, double coverage, PrintStream out) {
        int k = classes.size();
        out.printf("images: %d%n", d.size());
        backOff(d, taxonomy, out);
        CrossFit.Coverage c = CrossFit.coverage(d, k, coverage, ConformalSets.MIN_CLASS_IMAGES, SEED);
        out.printf("prediction sets (APS, randomised, Mondrian >= %d images), 2-fold cross-fitted: coverage %.4f "
                + "(target %.2f), mean set size %.2f%n", ConformalSets.MIN_CLASS_IMAGES, c.overall(), coverage, c.meanSetSize());
        CrossFit.Coverage pooled = CrossFit.coverage(d, k, coverage, Integer.MAX_VALUE, SEED);
        out.printf("  pooled threshold only: coverage %.4f, mean set size %.2f%n", pooled.overall(), pooled.meanSetSize());
        List<Integer> smallest = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            if (c.images()[i] > 0) {
                smallest.add(i);
            }
        }
        smallest.sort(Comparator.comparingLong((Integer i) -> c.images()[i]).thenComparing(i -> i));
        out.println("  10 smallest classes: class, images, covered (Mondrian/pooled sets are the same for them)");
        for (int i : smallest.subList(0, Math.min(10, smallest.size()))) {
            out.printf("    %s %d %d%n", classes.name(i), c.images()[i], c.covered()[i]);
        }
        out.println("  by class size (validation images): classes, images, coverage Mondrian, coverage pooled only, "
                + "classes below target - 5 points (Mondrian)");
        int[][] bins = {{1, 10}, {10, 30}, {30, 60}, {60, Integer.MAX_VALUE}};
        for (int[] b : bins) {
            long n = 0;
            long cm = 0;
            long cp = 0;
            int members = 0;
            int low = 0;
            for (int i = 0; i < k; i++) {
                if (c.images()[i] >= b[0] && c.images()[i] < b[1]) {
                    members++;
                    n += c.images()[i];
                    cm += c.covered()[i];
                    cp += pooled.covered()[i];
                    low += (double) c.covered()[i] / c.images()[i] < coverage - 0.05 ? 1 : 0;
                }
            }
            out.printf("    %d-%s: %d %d %.4f %.4f %d%n", b[0], b[1] == Integer.MAX_VALUE ? "" : Integer.toString(b[1] - 1),
                    members, n, n == 0 ? Double.NaN : (double) cm / n, n == 0 ? Double.NaN : (double) cp / n, low);
        }
        out.println("reject option, 2-fold cross-fitted: setting, accepted accuracy, rejected share");
        for (double t : new double[] {0, 0.3, 0.5, 0.7, 0.9}) {
            CrossFit.Rejection r = CrossFit.rejection(d, k, SEED, (part, n) -> RejectThresholds.global(t, n));
            out.printf("  global %.1f: %.4f %.4f%n", t, r.acceptedAccuracy(), r.rejectedShare());
        }
        CrossFit.Rejection f1 = CrossFit.rejection(d, k, SEED, (part, n) -> RejectThresholds.fit(part.probabilities(),
                part.labels(), n));
        out.printf("  per-class F1: %.4f %.4f%n", f1.acceptedAccuracy(), f1.rejectedShare());
    }

    private static void backOff(LabelledProbabilities d, Taxonomy taxonomy, PrintStream out) {
        GroupLevel top = taxonomy.topLevel();
        for (double t : new double[] {0.5, 0.8, 0.9}) {
            int right = 0;
            int group = 0;
            int root = 0;
            for (int i = 0; i < d.size(); i++) {
                GroupPrediction g = taxonomy.backOff(d.probabilities().get(i), t);
                right += taxonomy.holds(g.name(), d.labels()[i]) ? 1 : 0;
                group += g.isClass() ? 0 : 1;
                root += g.name().equals(Taxonomy.ROOT) ? 1 : 0;
            }
            out.printf("back-off at %.1f: node holds the true class %.4f, backed off to a group %.4f (to the root %.4f)%n",
                    t, (double) right / d.size(), (double) group / d.size(), (double) root / d.size());
        }
        int right = 0;
        for (int i = 0; i < d.size(); i++) {
            float[] g = top.project(d.probabilities().get(i));
            int best = Argmax.of(g);
            right += best == top.groupOf()[d.labels()[i]] ? 1 : 0;
        }
        out.printf("top-level groups (%d): accuracy %.4f%n", top.groups().size(), (double) right / d.size());
    }
}
