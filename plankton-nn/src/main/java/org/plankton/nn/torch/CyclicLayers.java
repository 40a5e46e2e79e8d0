package org.plankton.nn.torch;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The recipe's rotation machinery, exactly as the DJL-era {@code CyclicSlice} block did it
 * (which called the same {@code torch.rot90}): slice the batch into its 4 exact rotations
 * (copy-major along the batch axis), optionally roll every copy's feature maps into the others'
 * frames, and pool the 4 copies by root-mean-square.
 */
final class CyclicLayers {

    private static final int COPIES = 4;
    private static final long[] PLANE = {2, 3};
    private static final float EPS = 1e-6f;

    private CyclicLayers() {
    }

    /** (N, C, H, W) to (4N, C, H, W): the input, then its rotations by 90, 180 and 270 degrees. */
    static Layer slice() {
        return Layer.named("CyclicSlice", (x, training) -> {
            TensorVector copies = new TensorVector(x, x.rot90(1, PLANE), x.rot90(2, PLANE), x.rot90(3, PLANE));
            return torch.cat(copies, 0);
        });
    }

    /** (4N, C, H, W) to (4N, 4C, H, W): copy i gets copies i, i+1, i+2, i+3 rotated into its frame. */
    static Layer roll() {
        return Layer.named("CyclicRoll", (x, training) -> {
            TensorVector copies = x.chunk(COPIES, 0);
            TensorVector rolled = new TensorVector();
            for (int i = 0; i < COPIES; i++) {
                TensorVector parts = new TensorVector();
                for (int j = 0; j < COPIES; j++) {
                    Tensor other = copies.get((i + j) % COPIES);
                    parts.push_back(j == 0 ? other : other.rot90(COPIES - j, PLANE));
                }
                rolled.push_back(torch.cat(parts, 1));
            }
            return torch.cat(rolled, 0);
        });
    }

    /** (4N, F) to (N, F): root-mean-square over the 4 copies of each image. */
    static Layer rmsPool() {
        return Layer.named("CyclicRmsPool", (x, training) -> {
            long n = x.size(0) / COPIES;
            if (n * COPIES != x.size(0)) {
                throw new IllegalArgumentException("cyclic pooling needs a batch of 4 copies, got " + x.size(0));
            }
            return x.reshape(COPIES, n, -1).square().mean(0).add(new org.bytedeco.pytorch.Scalar(EPS)).sqrt();
        });
    }
}
