package org.plankton.nn.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Orthogonal initialisation (Saxe et al. 2014), the 2015 recipe's: the weight, viewed as a matrix
 * of {@code out} rows by {@code fan-in} columns, gets orthonormal rows (or columns, whichever is
 * the shorter side), scaled by a gain. Computed here by modified Gram-Schmidt on a Gaussian matrix
 * because DJL has no QR decomposition; the matrices are at most a few thousand wide.
 */
public final class OrthogonalInitializer implements Initializer {

    private final float gain;

    /** {@code gain}: sqrt(2 / (1 + slope^2)) for leaky ReLU with that negative slope. */
    public OrthogonalInitializer(float gain) {
        this.gain = gain;
    }

    public static float leakyReluGain(float slope) {
        return (float) Math.sqrt(2.0 / (1.0 + slope * slope));
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        int rows = (int) shape.get(0);
        int cols = (int) (shape.size() / rows);
        // The Gaussian draws come from the engine's generator, so the run's training seed fixes them.
        float[] gaussian;
        try (NDArray g = manager.randomNormal(new Shape(Math.min(rows, cols), Math.max(rows, cols)))) {
            gaussian = g.toFloatArray();
        }
        float[] w = orthogonal(rows, cols, gain, gaussian);
        return manager.create(w, shape).toType(dataType, false);
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
