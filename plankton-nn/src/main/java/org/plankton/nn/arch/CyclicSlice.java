package org.plankton.nn.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;

/**
 * The 2015 recipe's rotation machinery, as parameter-free blocks on NCHW batches.
 *
 * <p>{@link #slice()} stacks the batch in 4 exact rotations (0, 90, 180, 270 degrees: transposes
 * and flips, no interpolation) along the batch axis, copy-major: rows {@code [k*N, (k+1)*N)} hold
 * rotation k. Everything after it runs on each copy independently, with shared weights.
 * {@link #roll()} lets each copy see the other copies' feature maps, rotated back into its own
 * frame, concatenated along channels. {@link #rmsPool()} merges the 4 copies of each image by
 * root-mean-square. Since rotating the input only permutes the copies cyclically (and the roll
 * layer commutes with that permutation), the pooled features are invariant to 90-degree rotations.
 */
public final class CyclicSlice {

    /** Spatial axes of an NCHW array. */
    private static final int[] PLANE = {2, 3};
    private static final int COPIES = 4;
    /** Keeps the square root differentiable where all four copies are exactly zero. */
    private static final float EPS = 1e-6f;

    private CyclicSlice() {
    }

    /** (N, C, H, W) to (4N, C, H, W): the input and its rotations by 90, 180 and 270 degrees. */
    public static Block slice() {
        return LambdaBlock.singleton(CyclicSlice::sliceArray, "cyclicSlice");
    }

    /** (4N, C, H, W) to (4N, 4C, H, W): copy i gets the copies i, i+1, i+2, i+3 aligned to its frame. */
    public static Block roll() {
        return LambdaBlock.singleton(CyclicSlice::rollArray, "cyclicRoll");
    }

    /** (4N, F) to (N, F): root-mean-square over the 4 copies of each image. */
    public static Block rmsPool() {
        return LambdaBlock.singleton(CyclicSlice::rmsPoolArray, "cyclicRmsPool");
    }

    static NDArray sliceArray(NDArray x) {
        requireSquare(x);
        NDList copies = new NDList(COPIES);
        copies.add(x);
        for (int k = 1; k < COPIES; k++) {
            copies.add(x.rotate90(k, PLANE));
        }
        return NDArrays.concat(copies, 0);
    }

    static NDArray rollArray(NDArray x) {
        requireSquare(x);
        NDList copies = x.split(COPIES, 0);
        NDList rolled = new NDList(COPIES);
        for (int i = 0; i < COPIES; i++) {
            NDList parts = new NDList(COPIES);
            for (int j = 0; j < COPIES; j++) {
                NDArray other = copies.get((i + j) % COPIES);
                // Copy i+j saw the input rotated j steps further than copy i: rotate it j steps back.
                parts.add(j == 0 ? other : other.rotate90(COPIES - j, PLANE));
            }
            rolled.add(NDArrays.concat(parts, 1));
        }
        return NDArrays.concat(rolled, 0);
    }

    static NDArray rmsPoolArray(NDArray x) {
        long n = x.getShape().get(0) / COPIES;
        if (n * COPIES != x.getShape().get(0)) {
            throw new IllegalArgumentException("cyclic pooling needs a batch of 4 copies, got " + x.getShape());
        }
        NDArray byCopy = x.reshape(COPIES, n, -1);
        return byCopy.square().mean(new int[] {0}).add(EPS).sqrt();
    }

    private static void requireSquare(NDArray x) {
        var s = x.getShape();
        if (s.dimension() != 4 || s.get(2) != s.get(3)) {
            throw new IllegalArgumentException("rotations need square NCHW feature maps, got " + s);
        }
    }
}
