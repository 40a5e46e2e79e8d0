package org.plankton.cli;

import java.util.List;

/**
 * Subcommands that live outside this module and join {@code plankton} when their jar is on the
 * class path, found with {@link java.util.ServiceLoader} (a {@code META-INF/services} entry naming
 * the implementation). The measurement commands ({@code benchmark}, {@code benchmark-arch},
 * {@code benchmark-domain}, module plankton-bench) come this way, so that the production jars hold
 * no benchmark code while the launcher still offers them.
 */
public interface ExtraCommands {

    /** picocli command objects (classes annotated with {@code @Command}), each added under its name. */
    List<Object> commands();
}
