package org.plankton.cli;

import picocli.CommandLine;

/** The version from the jar manifest ("dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = PlanktonCli.class.getPackage().getImplementationVersion();
        return new String[] {"plankton " + (v == null ? "dev" : v)};
    }
}
