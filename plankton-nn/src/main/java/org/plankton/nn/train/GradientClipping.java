package org.plankton.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;

/**
 * Global L2-norm gradient clipping (Pascanu et al. 2013): when the norm of all gradients together
 * exceeds the limit, every gradient is scaled down by the same factor, so the step keeps its
 * direction but not its size. It only acts on the rare spike (a bad batch early in training, a
 * learning rate at the edge of stability), which is what turned into NaN weights before.
 */
final class GradientClipping {

    private GradientClipping() {
    }

    /**
     * The global gradient norm before clipping (NaN or infinite if a gradient is); gradients are
     * scaled in place when it exceeds {@code maxNorm} ({@code 0}: never).
     */
    static double clip(Trainer trainer, float maxNorm) {
        try (NDManager scratch = trainer.getManager().newSubManager()) {
            NDArray sum = null;
            for (var p : trainer.getModel().getBlock().getParameters()) {
                NDArray array = p.getValue().getArray();
                if (!array.hasGradient() || !p.getValue().requiresGradient()) {
                    continue;
                }
                try (NDArray g = array.getGradient(); NDArray square = g.square()) {
                    NDArray squares = square.sum();
                    squares.attach(scratch);
                    sum = sum == null ? squares : sum.add(squares);
                }
            }
            if (sum == null) {
                return 0;
            }
            double norm = Math.sqrt(sum.getFloat());
            if (maxNorm > 0 && norm > maxNorm && Double.isFinite(norm)) {
                float scale = (float) (maxNorm / (norm + 1e-6));
                for (var p : trainer.getModel().getBlock().getParameters()) {
                    NDArray array = p.getValue().getArray();
                    if (array.hasGradient() && p.getValue().requiresGradient()) {
                        try (NDArray g = array.getGradient()) {
                            g.muli(scale);
                        }
                    }
                }
            }
            return norm;
        }
    }
}
