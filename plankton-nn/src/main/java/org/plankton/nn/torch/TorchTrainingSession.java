package org.plankton.nn.torch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.plankton.core.weights.NamedTensor;
import org.plankton.nn.engine.Batch;
import org.plankton.nn.engine.InferenceNetwork;
import org.plankton.nn.engine.NetworkSpec;
import org.plankton.nn.engine.StepGuard;
import org.plankton.nn.engine.TrainingOptions;
import org.plankton.nn.engine.TrainingSession;

/** A {@link TorchNetwork} with its {@link TorchTrainer} and guard, behind {@link TrainingSession}. */
final class TorchTrainingSession implements TrainingSession {

    private final TorchNetwork network;
    private final TorchTrainer trainer;
    private final StepGuard guard;

    TorchTrainingSession(NetworkSpec spec, TrainingOptions options) {
        this.network = TorchNetwork.create(spec.architecture(), spec.numClasses(), spec.imageSize(), options.seed());
        try {
            network.setPrecision(options.precision());
            this.guard = new StepGuard(options.gradClipNorm(), options.stepsBefore());
            this.trainer = new TorchTrainer(network, options.optimizer(), guard);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    @Override
    public float step(Batch batch) {
        return trainer.step(batch);
    }

    @Override
    public void setLearningRate(double learningRate) {
        trainer.setLearningRate(learningRate);
    }

    @Override
    public void freezeFeatures(boolean frozen) {
        network.freezeFeatures(frozen);
    }

    /** The trained network itself: owned by this session, not to be closed by the caller. */
    @Override
    public InferenceNetwork network() {
        return network;
    }

    @Override
    public List<NamedTensor> weights() {
        return network.weights();
    }

    @Override
    public void loadWeights(List<NamedTensor> weights) {
        network.loadWeights(weights);
    }

    @Override
    public void writeWeights(Path file) throws IOException {
        network.saveWeights(file);
    }

    @Override
    public void saveCheckpoint(Path weightsFile, Path stateFile) throws IOException {
        trainer.saveCheckpoint(weightsFile, stateFile);
    }

    @Override
    public void restoreCheckpoint(Path weightsFile, Path stateFile) throws IOException {
        trainer.loadCheckpoint(weightsFile, stateFile);
    }

    @Override
    public long parameterCount() {
        return network.parameterCount();
    }

    @Override
    public StepGuard guard() {
        return guard;
    }

    @Override
    public String description() {
        return TorchEngine.DESCRIPTION + ", " + network.precision().id();
    }

    @Override
    public void close() {
        trainer.close();
        network.close();
    }
}
