/**
 * Network architectures as data: a serialisable {@link org.plankton.nn.arch.ArchitectureConfig}
 * (saved in every model bundle), the {@link org.plankton.nn.arch.InputLayout} of a network's input
 * rows, and the orthogonal initialisation. The engine builds the network of a config; the same config
 * always gives the same parameter layout, so saved weights load back into a freshly built network.
 */
package org.plankton.nn.arch;
