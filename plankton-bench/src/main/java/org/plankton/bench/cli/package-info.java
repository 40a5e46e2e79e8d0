/**
 * The {@code benchmark}, {@code benchmark-arch} and {@code benchmark-domain} commands, joined to the
 * {@code plankton} CLI through {@link org.plankton.cli.ExtraCommands}.
 */
package org.plankton.bench.cli;
