package org.plankton.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;

/** One optimisation step on one batch; shared by the training loop and the benchmarks. */
public final class TrainStep {

    private TrainStep() {
    }

    /** Forward, backward and update, unguarded (benchmarks); returns the batch's mean loss. */
    public static float run(Trainer trainer, Batch batch) {
        return run(trainer, batch, null);
    }

    /**
     * Forward, backward, gradient clipping and update; returns the batch's mean loss.
     *
     * @param guard clips the gradients and stops at the first non-finite loss or gradient, before
     *              the update could spread it into the weights; null for none
     * @throws TrainingDiverged from the guard
     */
    public static float run(Trainer trainer, Batch batch, StepGuard guard) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            int perImage = batch.pixels().length / batch.size();
            // Plain images are NCHW; with size features each image is one row (pixels, then features).
            Shape shape = perImage == batch.side() * batch.side()
                    ? new Shape(batch.size(), 1, batch.side(), batch.side()) : new Shape(batch.size(), perImage);
            NDArray x = m.create(batch.pixels(), shape);
            NDArray y = batch.targets() == null ? m.create(batch.labels())
                    : m.create(batch.targets(), new Shape(batch.size(), batch.targets().length / batch.size()));
            float loss;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray lossArray = trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x)));
                gc.backward(lossArray);
                loss = lossArray.getFloat();
            }
            if (guard != null) {
                guard.afterBackward(trainer, batch, loss);
            }
            // Outside the collector: grad mode is off, so the optimiser may update weights in place.
            trainer.step();
            zeroGradients(trainer);
            return loss;
        }
    }

    /**
     * PyTorch accumulates gradients across backward passes. DJL's native optimisers clear them
     * inside their update, but DJL hands a Java optimiser only a copy of the gradient, so the
     * step clears the real ones here.
     */
    private static void zeroGradients(Trainer trainer) {
        for (var p : trainer.getModel().getBlock().getParameters()) {
            NDArray array = p.getValue().getArray();
            if (array.hasGradient()) {
                try (NDArray g = array.getGradient()) {
                    g.subi(g);
                }
            }
        }
    }
}
