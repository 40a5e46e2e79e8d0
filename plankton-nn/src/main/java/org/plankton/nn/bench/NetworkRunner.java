package org.plankton.nn.bench;

/** One engine and precision running the network alone on ready batches, for {@link NetworkBenchmark}. */
interface NetworkRunner extends AutoCloseable {

    /** One training step (forward, loss, backward, optimiser update) on {@code n} rows. */
    void train(float[] rows, int[] labels, int n);

    /** Inference-mode probabilities of {@code n} rows (softmax included, copied to the Java heap). */
    void infer(float[] rows, int n);

    @Override
    void close();
}
