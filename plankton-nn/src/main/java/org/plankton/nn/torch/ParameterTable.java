package org.plankton.nn.torch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.plankton.core.weights.NamedTensor;

/**
 * A network's parameters and batch-norm running statistics, in exactly the order and under the
 * names DJL's block gives them ({@code Block.getParameters()}, which is also the order
 * {@code saveParameters} writes), so that weights move between the engines by position and by name.
 */
final class ParameterTable implements AutoCloseable {

    /** DJL's parameter types; the kind decides the initialisation and whether it is trained. */
    enum Kind {
        WEIGHT("weight"), BIAS("bias"), GAMMA("gamma"), BETA("beta"), RUNNING_MEAN("runningMean"), RUNNING_VAR("runningVar");

        /** The parameter's own name in DJL, the last part of its full name. */
        final String djlName;

        Kind(String djlName) {
            this.djlName = djlName;
        }

        boolean trainable() {
            return this != RUNNING_MEAN && this != RUNNING_VAR;
        }
    }

    /** One parameter: its DJL full name (e.g. {@code 01convnet_02BatchNorm_gamma}), kind and tensor. */
    record Entry(String name, Kind kind, Tensor tensor) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    /** Adds a parameter named {@code prefix + kind's DJL name}; the table owns the tensor from now on. */
    Tensor add(String prefix, Kind kind, Tensor tensor) {
        String name = prefix + kind.djlName;
        if (!names.add(name)) {
            throw new IllegalStateException("duplicate parameter name " + name);
        }
        Tensors.retain(tensor);
        if (kind.trainable()) {
            tensor.set_requires_grad(true);
        }
        entries.add(new Entry(name, kind, tensor));
        return tensor;
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The trainable tensors (all but running statistics), in table order, for an optimiser. */
    TensorVector trainable() {
        TensorVector v = new TensorVector();
        entries.stream().filter(e -> e.kind().trainable()).forEach(e -> v.push_back(e.tensor()));
        return v;
    }

    /** The entries' names, in order. */
    List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    /**
     * Stops (or restarts) gradients for the trainable entries at {@code positions}: a frozen tensor
     * gets no gradient in backward, so the optimiser skips it (no update, no weight decay).
     */
    void setFrozen(List<Integer> positions, boolean frozen) {
        for (int i : positions) {
            Entry e = entries.get(i);
            if (e.kind().trainable()) {
                e.tensor().set_requires_grad(!frozen);
            }
        }
    }

    /** Float32 copies of every entry, in row-major order, under the DJL names. */
    List<NamedTensor> toNamedTensors() {
        try (PointerScope scope = new PointerScope()) {
            List<NamedTensor> out = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                out.add(new NamedTensor(e.name(), Tensors.shape(e.tensor()), Tensors.toFloats(e.tensor())));
            }
            return out;
        }
    }

    /**
     * Copies {@code values} in, position by position. Each must have this table's shape at that
     * position and either this table's full name or, for DJL {@code .params} files which only keep
     * short names, the same short name; otherwise nothing is guessed: IllegalArgumentException naming
     * the first mismatch.
     */
    void load(List<NamedTensor> values) {
        if (values.size() != entries.size()) {
            throw new IllegalArgumentException("the weights have " + values.size() + " tensors, this network has "
                    + entries.size() + " (different architecture?)");
        }
        for (int i = 0; i < values.size(); i++) {
            Entry e = entries.get(i);
            NamedTensor v = values.get(i);
            boolean nameOk = v.name().equals(e.name()) || v.name().equals(e.kind().djlName);
            if (!nameOk || !Arrays.equals(v.shape(), Tensors.shape(e.tensor()))) {
                throw new IllegalArgumentException("tensor " + i + " is " + v + ", this network expects " + e.name()
                        + Arrays.toString(Tensors.shape(e.tensor())) + " (different architecture?)");
            }
        }
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            for (int i = 0; i < values.size(); i++) {
                NamedTensor v = values.get(i);
                // copy_ keeps the destination's memory format (channels-last weights stay so).
                entries.get(i).tensor().copy_(Tensors.floats(v.values(), 0, v.shape()));
            }
        }
    }

    @Override
    public void close() {
        entries.forEach(e -> Tensors.release(e.tensor()));
        entries.clear();
    }
}
