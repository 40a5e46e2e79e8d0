/**
 * Network architectures: a serialisable {@link org.plankton.nn.arch.ArchitectureConfig} (saved in
 * every model bundle) and the factory that turns it into a DJL block. The same config always builds
 * the same parameter layout, so saved weights load back into a freshly built network.
 */
package org.plankton.nn.arch;
