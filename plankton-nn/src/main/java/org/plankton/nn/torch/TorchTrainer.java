package org.plankton.nn.torch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.OutputArchive;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.plankton.nn.engine.Batch;
import org.plankton.nn.engine.OptimizerConfig;
import org.plankton.nn.engine.StepGuard;

/**
 * Training steps for a {@link TorchNetwork}: forward (autocast in bf16), softmax cross-entropy in
 * float32, backward, optimiser step. Every step runs in a {@code PointerScope}, so the step's native
 * tensors (activations, gradients' temporaries) are freed when it ends, not when the Java GC gets
 * round to them. Not thread-safe.
 */
public final class TorchTrainer implements AutoCloseable {

    static final String WEIGHTS = "weights.safetensors";
    static final String STATE = "trainer-state.pt";

    private final TorchNetwork network;
    private final Optimizer optimizer;
    private final TensorVector parameters;
    /** Clips gradients and stops at a divergence; null: neither (benchmarks). */
    private final StepGuard guard;

    /** Unguarded steps: no gradient clipping, no divergence check (benchmarks). */
    public TorchTrainer(TorchNetwork network, OptimizerConfig config) {
        this(network, config, null);
    }

    /** @param guard clips gradients and stops at the first non-finite loss or gradient; null for none */
    public TorchTrainer(TorchNetwork network, OptimizerConfig config, StepGuard guard) {
        this.network = network;
        this.guard = guard;
        // Retained: a caller's PointerScope must not free the optimiser's view of the parameters.
        this.parameters = network.trainableParameters();
        parameters.retainReference();
        try (PointerScope scope = new PointerScope()) {
            Optimizer o = TorchOptimizers.create(config, parameters);
            o.retainReference();
            this.optimizer = o;
        }
    }

    /** One step on {@code n} rows (as {@link TorchNetwork} lays them out) with class indices; the batch's mean loss. */
    public float step(float[] rows, int[] labels, int n) {
        if (labels.length < n) {
            throw new IllegalArgumentException(n + " images need " + n + " labels, got " + labels.length);
        }
        try (PointerScope scope = new PointerScope()) {
            Tensor logits = network.forward(network.input(rows, 0, n), true);
            return update(torch.cross_entropy(logits, Tensors.longs(labels, 0, n)), rows, n);
        }
    }

    /**
     * One step with soft targets ({@code n x classes} probabilities: mixup, a teacher's outputs):
     * the loss is {@code -sum(t * log_softmax(z))} averaged over the batch, as DJL's
     * {@code SoftmaxCrossEntropyLoss} with dense labels.
     */
    public float step(float[] rows, float[] targets, int n) {
        int classes = network.numClasses();
        if (targets.length < n * classes) {
            throw new IllegalArgumentException(n + " images need " + n * classes + " target values, got " + targets.length);
        }
        try (PointerScope scope = new PointerScope()) {
            Tensor logits = network.forward(network.input(rows, 0, n), true);
            Tensor t = Tensors.floats(targets, 0, n, classes);
            Tensor loss = torch.log_softmax(logits, 1).mul(t).sum(1).mean().neg();
            return update(loss, rows, n);
        }
    }

    /** One step on a prepared batch: its soft targets when it has them, else its labels. */
    public float step(Batch batch) {
        return batch.targets() == null ? step(batch.pixels(), batch.labels(), batch.size())
                : step(batch.pixels(), batch.targets(), batch.size());
    }

    private float update(Tensor loss, float[] rows, int n) {
        // Gradients are set to none, not zero: a frozen tensor then has none and the optimiser skips it.
        optimizer.zero_grad(true);
        loss.backward();
        float value = loss.item_float();
        if (guard != null) {
            double norm = clipGradients(parameters, guard);
            // Before the update, so a non-finite gradient never reaches the weights.
            guard.check(value, norm, learningRate(), () -> DivergenceDiagnosis.describe(network, rows, n));
        }
        optimizer.step();
        return value;
    }

    /**
     * The global L2 norm of all gradients (Pascanu et al. 2013), before clipping; when it exceeds the
     * guard's limit every gradient is scaled by the same factor, so the step keeps its direction but
     * not its size. It only acts on the rare spike (a bad batch early in training, a learning rate at
     * the edge of stability), which is what turned into NaN weights before.
     */
    static double clipGradients(TensorVector parameters, StepGuard guard) {
        double sumOfSquares = 0;
        for (long i = 0; i < parameters.size(); i++) {
            Tensor g = parameters.get(i).grad();
            if (g.defined()) {
                sumOfSquares += g.square().sum().item_double();
            }
        }
        double norm = Math.sqrt(sumOfSquares);
        if (guard.clips(norm)) {
            Scalar scale = new Scalar(guard.maxGradNorm() / (norm + 1e-6));
            for (long i = 0; i < parameters.size(); i++) {
                Tensor g = parameters.get(i).grad();
                if (g.defined()) {
                    g.mul_(scale);
                }
            }
        }
        return norm;
    }

    /** The learning rate of the next steps (for schedules). */
    public void setLearningRate(double lr) {
        if (!(lr >= 0)) {
            throw new IllegalArgumentException("learning rate must be >= 0, got " + lr);
        }
        try (PointerScope scope = new PointerScope()) {
            var groups = optimizer.param_groups();
            for (long i = 0; i < groups.size(); i++) {
                groups.get(i).options().set_lr(lr);
            }
        }
    }

    public double learningRate() {
        try (PointerScope scope = new PointerScope()) {
            return optimizer.param_groups().get(0).options().get_lr();
        }
    }

    /**
     * Writes the weights ({@value #WEIGHTS}, engine-neutral, DJL names) and the optimiser state
     * (momentum buffers or AdamW moments and step counts) with libtorch's random generator state
     * ({@value #STATE}, libtorch's archive format) into {@code dir}, so that {@link #loadCheckpoint}
     * continues the run exactly: same next dropout masks, same next updates.
     */
    public void saveCheckpoint(Path dir) throws IOException {
        Files.createDirectories(dir);
        saveCheckpoint(dir.resolve(WEIGHTS), dir.resolve(STATE));
    }

    /** As {@link #saveCheckpoint(Path)}, into these two files (the state file is replaced atomically). */
    public void saveCheckpoint(Path weights, Path state) throws IOException {
        network.saveWeights(weights);
        Path tmp = state.resolveSibling(state.getFileName() + ".tmp");
        try (PointerScope scope = new PointerScope()) {
            OutputArchive archive = new OutputArchive();
            optimizer.save(archive);
            archive.write("rng_state", torch.getDefaultCPUGenerator().get_state());
            archive.save_to(tmp.toString());
        } catch (RuntimeException e) {
            throw new IOException("cannot write the optimiser state to " + tmp + ": " + e.getMessage(), e);
        }
        Files.move(tmp, state, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Restores what {@link #saveCheckpoint} wrote, into this trainer's network and optimiser. */
    public void loadCheckpoint(Path dir) throws IOException {
        loadCheckpoint(dir.resolve(WEIGHTS), dir.resolve(STATE));
    }

    /** As {@link #loadCheckpoint(Path)}, from these two files. */
    public void loadCheckpoint(Path weights, Path state) throws IOException {
        if (!Files.isRegularFile(state)) {
            throw new IOException("checkpoint has no optimiser state " + state);
        }
        network.loadWeights(weights);
        try (PointerScope scope = new PointerScope()) {
            InputArchive archive = new InputArchive();
            archive.load_from(state.toString());
            optimizer.load(archive);
            Tensor rng = new Tensor();
            archive.read("rng_state", rng);
            torch.getDefaultCPUGenerator().set_state(rng);
        } catch (RuntimeException e) {
            throw new IOException("checkpoint " + state + " does not fit this optimiser: " + e.getMessage(), e);
        }
    }

    public TorchNetwork network() {
        return network;
    }

    @Override
    public void close() {
        optimizer.releaseReference();
        parameters.releaseReference();
    }
}
