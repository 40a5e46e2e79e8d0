package org.plankton.onnx;

import java.util.ArrayList;
import java.util.List;
import org.plankton.onnx.proto.AttributeProto;

/**
 * The recipe's rotation machinery in ONNX, computing what {@code org.plankton.nn.torch.CyclicLayers}
 * computes with {@code torch.rot90}. ONNX has no rotation operator; a rotation by 90 degrees is a
 * flip and a transpose, exactly as libtorch implements {@code rot90(x, k, {2, 3})}: k = 1 flips
 * the width axis then swaps height and width, k = 2 flips both, k = 3 flips the height axis then
 * swaps. A flip is a {@code Slice} with step -1 from the last element to before the first (end
 * INT64_MIN, which the spec clamps to -1), so nothing depends on the map's size and the batch
 * axis stays symbolic.
 */
final class CyclicGraph {

    static final int COPIES = 4;
    /** torch's rmsPool adds this before the square root. */
    static final float EPS = 1e-6f;

    private final GraphBuilder g;

    CyclicGraph(GraphBuilder g) {
        this.g = g;
    }

    /** (N, C, H, W) to (4N, C, H, W): the input, then its rotations by 90, 180 and 270 degrees. */
    String slice(String scope, String x) {
        List<String> copies = new ArrayList<>();
        for (int k = 0; k < COPIES; k++) {
            copies.add(rot90(scope + "/rot" + 90 * k, x, k));
        }
        return g.node("Concat", scope, copies, AttributeProto.of("axis", 0L));
    }

    /** (4N, C, H, W) to (4N, 4C, H, W): copy i gets copies i, i+1, i+2, i+3 rotated into its frame. */
    String roll(String scope, String x) {
        // opset 17: Split without a "split" input cuts the axis into as many equal parts as it has outputs
        List<String> copies = g.nodeWithOutputs("Split", scope + "/copy", COPIES, List.of(x), AttributeProto.of("axis", 0L));
        List<String> rolled = new ArrayList<>();
        for (int i = 0; i < COPIES; i++) {
            List<String> parts = new ArrayList<>();
            for (int j = 0; j < COPIES; j++) {
                String other = copies.get((i + j) % COPIES);
                parts.add(rot90(scope + "/copy" + i + "/from" + (i + j) % COPIES, other, (COPIES - j) % COPIES));
            }
            rolled.add(g.node("Concat", scope + "/copy" + i, parts, AttributeProto.of("axis", 1L)));
        }
        return g.node("Concat", scope, rolled, AttributeProto.of("axis", 0L));
    }

    /** (4N, F) to (N, F): sqrt(mean over the 4 copies of x^2 + 1e-6). */
    String rmsPool(String scope, String x, long features) {
        String shape = g.int64s("shape_copies_" + features, COPIES, -1, features);
        String copies = g.node("Reshape", scope + "/copies", List.of(x, shape));
        String square = g.node("Mul", scope + "/square", List.of(copies, copies));
        String mean = g.node("ReduceMean", scope + "/mean", List.of(square), AttributeProto.ints("axes", 0),
                AttributeProto.of("keepdims", 0L));
        String eps = g.scalar(scope + "/eps", EPS);
        return g.node("Sqrt", scope, List.of(g.node("Add", scope + "/plus_eps", List.of(mean, eps))));
    }

    /** {@code torch.rot90(x, k, {2, 3})} of an (N, C, H, W) tensor with H = W. */
    private String rot90(String scope, String x, int k) {
        return switch (k) {
            case 0 -> x;
            case 1 -> transpose(scope, flip(scope + "/flip_w", x, 3));
            case 2 -> flip(scope + "/flip_hw", flip(scope + "/flip_h", x, 2), 3);
            case 3 -> transpose(scope, flip(scope + "/flip_h", x, 2));
            default -> throw new IllegalArgumentException("rotation must be 0..3 quarter turns, got " + k);
        };
    }

    private String flip(String scope, String x, int axis) {
        return g.node("Slice", scope, List.of(x, g.int64s("slice_last", -1), g.int64s("slice_before_first", Long.MIN_VALUE),
                g.int64s("axis_" + axis, axis), g.int64s("slice_step_back", -1)));
    }

    private String transpose(String scope, String x) {
        return g.node("Transpose", scope, List.of(x), AttributeProto.ints("perm", 0, 1, 3, 2));
    }
}
