/**
 * The JavaCPP libtorch 2.10 engine (org.bytedeco:pytorch), fp32 or bf16 mixed precision:
 * {@link org.plankton.nn.torch.TorchRuntime} (native loading, threads, one libtorch per process),
 * {@link org.plankton.nn.torch.TorchNetwork} (the network of an
 * {@link org.plankton.nn.arch.ArchitectureConfig}, with the DJL network's parameter order, names and
 * shapes, so every bundle's weights load), {@link org.plankton.nn.torch.TorchTrainer} (steps, losses,
 * optimisers, checkpoints) and {@link org.plankton.nn.torch.TorchEngine}, which puts them behind
 * {@link org.plankton.nn.engine.Engine}. The rest of the code reaches this package only through that
 * interface (and the benchmark); DJL's and JavaCPP's libtorch cannot share a JVM.
 */
package org.plankton.nn.torch;
