/**
 * The bf16 mixed-precision engine on JavaCPP's libtorch 2.10 presets (org.bytedeco:pytorch), for
 * training: {@link org.plankton.nn.torch.TorchRuntime} (native loading, threads, one libtorch per
 * process), {@link org.plankton.nn.torch.TorchNetwork} (the network of an
 * {@link org.plankton.nn.arch.ArchitectureConfig}, with the DJL network's parameter order, names and
 * shapes, so weights move between the engines), {@link org.plankton.nn.torch.TorchTrainer} (steps,
 * losses, optimisers, checkpoints). Nothing here uses DJL's native engine, and nothing outside this
 * package (and the benchmark) uses this one: DJL's and JavaCPP's libtorch cannot share a JVM.
 */
package org.plankton.nn.torch;
