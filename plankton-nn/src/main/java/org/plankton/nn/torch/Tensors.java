package org.plankton.nn.torch;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** Copies between Java arrays and libtorch tensors, and native lifetime helpers. */
final class Tensors {

    private Tensors() {
    }

    /** A new float32 tensor of {@code shape} holding {@code data[offset, offset + product(shape))}. */
    static Tensor floats(float[] data, int offset, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (offset < 0 || offset + n > data.length) {
            throw new IllegalArgumentException("a tensor of " + n + " floats at offset " + offset + " does not fit in "
                    + data.length + " floats");
        }
        Tensor t = torch.empty(shape);
        // One bulk copy into the tensor's own memory: no JNI call per element.
        new FloatPointer(t.data_ptr()).capacity(n).put(data, offset, (int) n);
        return t;
    }

    /** A new int64 tensor of {@code labels} (class indices, as the loss functions want). */
    static Tensor longs(int[] labels, int offset, int n) {
        Tensor t = torch.empty(new long[] {n}, new TensorOptions(ScalarType.Long), null);
        LongPointer p = new LongPointer(t.data_ptr()).capacity(n);
        for (int i = 0; i < n; i++) {
            p.put(i, labels[offset + i]);
        }
        return t;
    }

    /** The values of {@code t} as float32, in row-major order whatever its memory format or type. */
    static float[] toFloats(Tensor t) {
        Tensor c = t.to(ScalarType.Float).contiguous();
        float[] out = new float[(int) c.numel()];
        new FloatPointer(c.data_ptr()).capacity(out.length).get(out);
        return out;
    }

    /** The dimensions of {@code t}. */
    static long[] shape(Tensor t) {
        long[] s = new long[(int) t.dim()];
        for (int i = 0; i < s.length; i++) {
            s[i] = t.size(i);
        }
        return s;
    }

    /**
     * Keeps {@code t} alive until {@link #release}, even when it was created inside a caller's
     * {@code PointerScope} (which frees what it holds when it closes): long-lived tensors such as
     * parameters must not die with the scope that happened to be open when they were made.
     */
    static Tensor retain(Tensor t) {
        return t.retainReference();
    }

    static void release(Tensor t) {
        if (t != null && !t.isNull()) {
            t.releaseReference();
        }
    }
}
