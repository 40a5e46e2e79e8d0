package org.plankton.bench.cli;

import java.util.List;
import org.plankton.cli.ExtraCommands;

/** The measurement commands, added to {@code plankton} when this module's jar is on the class path. */
public final class BenchCommands implements ExtraCommands {

    @Override
    public List<Object> commands() {
        return List.of(new BenchmarkCommand(), new BenchmarkArchCommand(), new BenchmarkDomainCommand());
    }
}
