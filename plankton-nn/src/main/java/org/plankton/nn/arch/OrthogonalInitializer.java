package org.plankton.nn.arch;

/**
 * Orthogonal initialisation (Saxe et al. 2014), the 2015 recipe's: the weight, viewed as a matrix
 * of {@code out} rows by {@code fan-in} columns, gets orthonormal rows (or columns, whichever is
 * the shorter side), scaled by a gain. Computed here, in Java, by modified Gram-Schmidt on the
 * engine's Gaussian draws (so the training seed fixes them, and every engine initialises alike); the
 * matrices are at most a few thousand wide.
 */
public final class OrthogonalInitializer {

    private OrthogonalInitializer() {
    }

    /** sqrt(2 / (1 + slope^2)): the gain for leaky ReLU with that negative slope. */
    public static float leakyReluGain(float slope) {
        return (float) Math.sqrt(2.0 / (1.0 + slope * slope));
    }

    /** A rows x cols matrix (row-major) with orthonormal rows if rows <= cols, else orthonormal columns. */
    public static float[] orthogonal(int rows, int cols, float gain, float[] gaussian) {
        boolean transpose = rows > cols;
        int r = transpose ? cols : rows;
        int c = transpose ? rows : cols;
        double[][] m = new double[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                m[i][j] = gaussian[i * c + j];
            }
            for (int k = 0; k < i; k++) {
                double dot = 0;
                for (int j = 0; j < c; j++) {
                    dot += m[i][j] * m[k][j];
                }
                for (int j = 0; j < c; j++) {
                    m[i][j] -= dot * m[k][j];
                }
            }
            double norm = 0;
            for (int j = 0; j < c; j++) {
                norm += m[i][j] * m[i][j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < c; j++) {
                m[i][j] /= norm;
            }
        }
        float[] out = new float[rows * cols];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                int idx = transpose ? j * cols + i : i * cols + j;
                out[idx] = (float) (gain * m[i][j]);
            }
        }
        return out;
    }
}
