package org.plankton.nn.bench;

import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.infer.Network;
import org.plankton.nn.train.Batch;
import org.plankton.nn.train.Nesterov;
import org.plankton.nn.train.TrainStep;

/** Today's engine: DJL 0.36 + libtorch 2.7.1, float32, the {@code train} command's step. */
final class DjlNetworkRunner implements NetworkRunner {

    private final Network net;
    private final Trainer trainer;
    private final int side;

    DjlNetworkRunner(ArchitectureConfig arch, int numClasses, int imageSize, int batchSize) {
        this.side = imageSize;
        this.net = Network.create(arch, numClasses, imageSize);
        this.trainer = net.model().newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(new Nesterov(Tracker.fixed(0.001f), 0.9f, 5e-4f)));
        trainer.initialize(net.layout().shape(batchSize));
    }

    @Override
    public void train(float[] rows, int[] labels, int n) {
        TrainStep.run(trainer, new Batch(rows, labels, n, side));
    }

    @Override
    public void infer(float[] rows, int n) {
        net.probabilities(rows, n);
    }

    @Override
    public void close() {
        trainer.close();
        net.close();
    }
}
