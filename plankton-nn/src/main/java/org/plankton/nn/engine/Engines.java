package org.plankton.nn.engine;

import org.plankton.nn.torch.TorchEngine;

/**
 * The process's engine: JavaCPP's libtorch. One per process, and everything in a process (training,
 * the teacher, calibration, ensembles, the server's and Spark's classifiers) runs on it: two libtorch
 * builds cannot share a process (see {@link org.plankton.nn.torch.TorchRuntime}).
 */
public final class Engines {

    private static final Engine TORCH = new TorchEngine();

    private Engines() {
    }

    public static Engine current() {
        return TORCH;
    }
}
