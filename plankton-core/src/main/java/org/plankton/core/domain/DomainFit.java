package org.plankton.core.domain;

/**
 * Fits a {@link DomainModel} to labelled in-domain features (the network's own training images):
 * class means, the covariance of the features around their class's mean (shared by all classes,
 * the usual choice for Mahalanobis out-of-domain scores: one covariance from all images is far
 * better estimated than 121), lightly shrunk towards the identity ({@link #shrinkage}), then its {@code rank} principal directions and the mean variance of
 * the rest. Eigenvalues are floored at a millionth of the largest, so that a dead unit (no
 * variance) cannot make every score infinite.
 */
public final class DomainFit {

    /** Smallest variance kept, relative to the largest. */
    static final double VARIANCE_FLOOR = 1e-6;

    private DomainFit() {
    }

    /**
     * @param features one row per image, all the same width
     * @param labels   class of each row, in {@code [0, classes)}
     * @param rank     principal directions to keep, 1..width (width: the exact full-covariance distance)
     * @return a model whose threshold is still +infinity: see {@link #calibrate}
     */
    public static DomainModel fit(float[][] features, int[] labels, int classes, int rank) {
        if (features.length == 0 || features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " feature rows and " + labels.length + " labels");
        }
        int width = features[0].length;
        if (rank < 1 || rank > width) {
            throw new IllegalArgumentException("rank must be in 1.." + width + ", got " + rank);
        }
        double[][] sums = new double[classes][width];
        int[] counts = new int[classes];
        double[] overall = new double[width];
        for (int n = 0; n < features.length; n++) {
            if (features[n].length != width) {
                throw new IllegalArgumentException("row " + n + " has " + features[n].length + " features, row 0 " + width);
            }
            int y = labels[n];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("label " + y + " outside 0.." + (classes - 1));
            }
            counts[y]++;
            for (int i = 0; i < width; i++) {
                sums[y][i] += features[n][i];
                overall[i] += features[n][i] / features.length;
            }
        }
        float[][] means = new float[classes][width];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < width; i++) {
                // A class without images (not normally possible) gets the overall mean: never nearest by chance.
                means[c][i] = (float) (counts[c] > 0 ? sums[c][i] / counts[c] : overall[i]);
            }
        }
        double[][] cov = new double[width][width];
        double[] r = new double[width];
        for (int n = 0; n < features.length; n++) {
            float[] m = means[labels[n]];
            for (int i = 0; i < width; i++) {
                r[i] = features[n][i] - m[i];
            }
            for (int i = 0; i < width; i++) {
                double ri = r[i];
                double[] row = cov[i];
                for (int j = i; j < width; j++) {
                    row[j] += ri * r[j];
                }
            }
        }
        for (int i = 0; i < width; i++) {
            for (int j = i; j < width; j++) {
                cov[i][j] /= features.length;
                cov[j][i] = cov[i][j];
            }
        }
        shrink(cov, shrinkage(width, features.length));
        return fromCovariance(means, cov, rank);
    }

    /**
     * How far the covariance is pulled towards a multiple of the identity: width / (width + images).
     * With fewer images than features (a small training set) the sample covariance is singular and
     * every image off the training images' span would score as infinitely far; with the NDSB
     * training split (23,208 images, 592 features) it is 0.025, a light touch.
     */
    static double shrinkage(int width, int images) {
        return (double) width / (width + images);
    }

    /** cov = (1 - a) cov + a (trace / width) I. */
    static void shrink(double[][] cov, double a) {
        int width = cov.length;
        double trace = 0;
        for (int i = 0; i < width; i++) {
            trace += cov[i][i];
        }
        for (int i = 0; i < width; i++) {
            for (int j = 0; j < width; j++) {
                cov[i][j] *= 1 - a;
            }
            cov[i][i] += a * trace / width;
        }
    }

    /** The model of class means and a shared covariance, reduced to {@code rank} directions. */
    public static DomainModel fromCovariance(float[][] means, double[][] cov, int rank) {
        int width = cov.length;
        SymmetricEigen eigen = SymmetricEigen.of(cov);
        double floor = Math.max(eigen.values()[0], Double.MIN_NORMAL) * VARIANCE_FLOOR;
        float[][] directions = new float[rank][width];
        double[] variances = new double[rank];
        for (int k = 0; k < rank; k++) {
            variances[k] = Math.max(eigen.values()[k], floor);
            for (int i = 0; i < width; i++) {
                directions[k][i] = (float) eigen.vectors()[k][i];
            }
        }
        double rest = 0;
        for (int k = rank; k < width; k++) {
            rest += Math.max(eigen.values()[k], 0);
        }
        double residual = rank == width ? 0 : Math.max(rest / (width - rank), floor);
        return new DomainModel(width, means, directions, variances, residual, Double.POSITIVE_INFINITY, 1.0, null);
    }

    /**
     * The model with the threshold that lets {@code pass} of {@code heldOutScores} (scores of
     * in-domain images the fit did not see) through: the smallest score at or above which that
     * fraction lies.
     */
    public static DomainModel calibrate(DomainModel model, double[] heldOutScores, double pass) {
        return model.withThreshold(threshold(heldOutScores, pass), pass);
    }

    /** The {@code pass} quantile of {@code scores}: at least {@code pass} of them are at or below it. */
    public static double threshold(double[] scores, double pass) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("no held-out scores to calibrate the threshold on");
        }
        if (!(pass > 0 && pass <= 1)) {
            throw new IllegalArgumentException("pass fraction must be in (0, 1], got " + pass);
        }
        double[] sorted = scores.clone();
        java.util.Arrays.sort(sorted);
        int index = (int) Math.ceil(pass * sorted.length - 1e-9) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
