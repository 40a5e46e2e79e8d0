package org.plankton.nn.bench;

import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.torch.OptimizerConfig;
import org.plankton.nn.engine.Precision;
import org.plankton.nn.torch.TorchNetwork;
import org.plankton.nn.torch.TorchTrainer;

/** The JavaCPP libtorch 2.10 engine in fp32 or bf16, with the same optimiser settings as the DJL runner. */
final class TorchNetworkRunner implements NetworkRunner {

    private final TorchNetwork net;
    private final TorchTrainer trainer;

    TorchNetworkRunner(ArchitectureConfig arch, int numClasses, int imageSize, Precision precision, boolean channelsLast) {
        this.net = TorchNetwork.create(arch, numClasses, imageSize, 1, channelsLast);
        net.setPrecision(precision);
        this.trainer = new TorchTrainer(net, OptimizerConfig.nesterov(0.001, 0.9, 5e-4));
    }

    @Override
    public void train(float[] rows, int[] labels, int n) {
        trainer.step(rows, labels, n);
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
