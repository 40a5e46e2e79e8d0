package org.plankton.core.domain;

import java.util.Objects;

/**
 * A network's in-domain feature distribution: one Gaussian per class over the penultimate-layer
 * features, all sharing one covariance, stored in low-rank form (probabilistic PCA): the
 * {@code rank} largest principal directions with their variances, and one variance for the rest.
 * Low rank keeps {@code domain.json} small (a 592-wide covariance in full is 1.4 MB) while the
 * residual term still sees features that leave the principal subspace, which is where far-out
 * images tend to go.
 *
 * <p>The score of an image is its squared Mahalanobis distance to the nearest class mean. Images
 * scoring above {@link #threshold()} are flagged out-of-domain; the threshold is chosen so that
 * {@link #inDomainPass()} of the bundle's held-out validation images pass.
 *
 * @param width          number of features
 * @param classMeans     one mean per class, each {@code width} long
 * @param directions     {@code rank} unit principal directions of the shared covariance, each {@code width} long
 * @param variances      the variance along each direction
 * @param residual       variance per dimension off the principal subspace (0 when rank = width)
 * @param threshold      scores above this are out-of-domain
 * @param inDomainPass   fraction of held-out in-domain images the threshold lets through (e.g. 0.95)
 * @param weightsSha256  SHA-256 of the weights the features came from: a model refitted or retrained
 *                       needs a new domain model
 */
public record DomainModel(int width, float[][] classMeans, float[][] directions, double[] variances, double residual,
                          double threshold, double inDomainPass, String weightsSha256) {

    public DomainModel {
        Objects.requireNonNull(classMeans, "classMeans");
        Objects.requireNonNull(directions, "directions");
        Objects.requireNonNull(variances, "variances");
        if (width < 1 || classMeans.length < 1) {
            throw new IllegalArgumentException("a domain model needs features and classes, got width " + width
                    + " and " + classMeans.length + " classes");
        }
        for (float[] m : classMeans) {
            check(m.length == width, "a class mean has " + m.length + " values, the features " + width);
        }
        check(directions.length == variances.length, directions.length + " directions but " + variances.length
                + " variances");
        check(directions.length <= width, "rank " + directions.length + " above width " + width);
        for (float[] d : directions) {
            check(d.length == width, "a direction has " + d.length + " values, the features " + width);
        }
        for (double v : variances) {
            check(v > 0 && Double.isFinite(v), "variances must be positive, got " + v);
        }
        check(directions.length == width || (residual > 0 && Double.isFinite(residual)),
                "residual variance must be positive below full rank, got " + residual);
        check(!Double.isNaN(threshold), "threshold is NaN");
        check(inDomainPass > 0 && inDomainPass <= 1, "in-domain pass fraction must be in (0, 1], got " + inDomainPass);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public int rank() {
        return directions.length;
    }

    public int classes() {
        return classMeans.length;
    }

    /** The same model with another threshold (calibration happens after the fit). */
    public DomainModel withThreshold(double newThreshold, double pass) {
        return new DomainModel(width, classMeans, directions, variances, residual, newThreshold, pass, weightsSha256);
    }

    /** The same model recording the weights it describes. */
    public DomainModel withWeights(String sha256) {
        return new DomainModel(width, classMeans, directions, variances, residual, threshold, inDomainPass, sha256);
    }

    /** Whether {@code score} is above the threshold. */
    public boolean flags(double score) {
        return score > threshold;
    }

    /** A scorer with the per-class constants precomputed; cheap next to the network. */
    public Scorer scorer() {
        return new Scorer(this);
    }

    /**
     * Squared Mahalanobis distance to the nearest class, expanded so that one image costs
     * {@code (rank + classes) * width} products instead of {@code classes * rank * width}:
     * with r = x - m, ||r||^2 = ||x||^2 - 2 x.m + ||m||^2 and U r = U x - U m.
     */
    public static final class Scorer {
        private final DomainModel model;
        private final double[][] projectedMeans;
        private final double[] meanNorms;

        private Scorer(DomainModel model) {
            this.model = model;
            int c = model.classes();
            projectedMeans = new double[c][];
            meanNorms = new double[c];
            for (int k = 0; k < c; k++) {
                projectedMeans[k] = project(model.classMeans[k]);
                meanNorms[k] = dot(model.classMeans[k], model.classMeans[k]);
            }
        }

        private double[] project(float[] x) {
            double[] p = new double[model.rank()];
            for (int i = 0; i < p.length; i++) {
                p[i] = dot(model.directions[i], x);
            }
            return p;
        }

        public double score(float[] features) {
            if (features.length != model.width) {
                throw new IllegalArgumentException("features of width " + features.length + ", the domain model has "
                        + model.width);
            }
            double[] px = project(features);
            double xx = dot(features, features);
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < model.classes(); k++) {
                double rr = xx - 2 * dot(features, model.classMeans[k]) + meanNorms[k];
                double inPlane = 0;
                double mahalanobis = 0;
                for (int i = 0; i < px.length; i++) {
                    double d = px[i] - projectedMeans[k][i];
                    inPlane += d * d;
                    mahalanobis += d * d / model.variances[i];
                }
                if (model.rank() < model.width) {
                    // Rounding can make the residual slightly negative for points near the plane.
                    mahalanobis += Math.max(0, rr - inPlane) / model.residual;
                }
                best = Math.min(best, mahalanobis);
            }
            return best;
        }

        private static double dot(float[] a, float[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += (double) a[i] * b[i];
            }
            return s;
        }
    }
}
