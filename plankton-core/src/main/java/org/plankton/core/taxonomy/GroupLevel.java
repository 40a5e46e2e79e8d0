package org.plankton.core.taxonomy;

import org.plankton.core.data.ClassList;

/**
 * Classes merged into coarser groups: a group's probability is the sum of its classes'. Summing
 * probabilities (rather than taking the group of the top class) lets three look-alike classes
 * at 0.3 each outvote a lone class at 0.4, which is what a group-level count should do.
 *
 * @param groups  the group names, in output order
 * @param groupOf for each class (classes.txt order), the index of its group in {@code groups}
 */
public record GroupLevel(ClassList groups, int[] groupOf) {

    public GroupLevel {
        groupOf = groupOf.clone();
    }

    public float[] project(float[] classProbabilities) {
        if (classProbabilities.length != groupOf.length) {
            throw new IllegalArgumentException("expected " + groupOf.length + " probabilities, got "
                    + classProbabilities.length);
        }
        float[] g = new float[groups.size()];
        for (int c = 0; c < groupOf.length; c++) {
            g[groupOf[c]] += classProbabilities[c];
        }
        return g;
    }

    /** Class priors (or any per-class mass) summed per group. */
    public double[] project(double[] perClass) {
        double[] g = new double[groups.size()];
        for (int c = 0; c < groupOf.length; c++) {
            g[groupOf[c]] += perClass[c];
        }
        return g;
    }
}
