package org.plankton.nn.torch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.OutputArchive;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

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

    public TorchTrainer(TorchNetwork network, OptimizerConfig config) {
        this.network = network;
        try (PointerScope scope = new PointerScope()) {
            Optimizer o = config.create(network.trainableParameters());
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
            return update(torch.cross_entropy(logits, Tensors.longs(labels, 0, n)));
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
            return update(loss);
        }
    }

    private float update(Tensor loss) {
        optimizer.zero_grad(true);
        loss.backward();
        optimizer.step();
        return loss.item_float();
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
        network.saveWeights(dir.resolve(WEIGHTS));
        Path tmp = dir.resolve(STATE + ".tmp");
        try (PointerScope scope = new PointerScope()) {
            OutputArchive archive = new OutputArchive();
            optimizer.save(archive);
            archive.write("rng_state", torch.getDefaultCPUGenerator().get_state());
            archive.save_to(tmp.toString());
        } catch (RuntimeException e) {
            throw new IOException("cannot write the optimiser state to " + tmp + ": " + e.getMessage(), e);
        }
        Files.move(tmp, dir.resolve(STATE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Restores what {@link #saveCheckpoint} wrote, into this trainer's network and optimiser. */
    public void loadCheckpoint(Path dir) throws IOException {
        network.loadWeights(dir.resolve(WEIGHTS));
        Path state = dir.resolve(STATE);
        if (!Files.isRegularFile(state)) {
            throw new IOException("checkpoint " + dir + " has no " + STATE);
        }
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
    }
}
