package org.plankton.core.domain;

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations. Chosen over a faster
 * tridiagonal method because it is short, needs no library and is accurate to the last digits; a
 * 600-wide covariance takes a few seconds once per fit.
 *
 * @param values  eigenvalues, largest first
 * @param vectors row {@code i} is the unit eigenvector of {@code values[i]}
 */
public record SymmetricEigen(double[] values, double[][] vectors) {

    public static SymmetricEigen of(double[][] symmetric) {
        int n = symmetric.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            if (symmetric[i].length != n) {
                throw new IllegalArgumentException("matrix is not square: row " + i + " has " + symmetric[i].length);
            }
            a[i] = symmetric[i].clone();
        }
        double[][] v = new double[n][n]; // columns are eigenvectors while rotating
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-22 * Math.max(diag, Double.MIN_NORMAL)) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) > 1e-300) {
                        rotate(a, v, p, q);
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = a[order[k]][order[k]];
            for (int i = 0; i < n; i++) {
                vectors[k][i] = v[i][order[k]];
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /** One Jacobi rotation zeroing a[p][q] (Numerical Recipes' stable form). */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        int n = a.length;
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }
}
