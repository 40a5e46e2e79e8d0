package org.plankton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's --help renders cleanly. Picocli formats descriptions with {@code String.format}, so
 * a bare {@code %} (as in "95% of") made it print a warning and the raw text; this renders each
 * command's usage and fails on any warning.
 */
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int commands = 0;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine root = PlanktonCli.newCommandLine();
            root.getUsageMessage();
            for (CommandLine sub : root.getSubcommands().values()) {
                assertThat(sub.getUsageMessage()).isNotBlank();
                commands++;
            }
        } finally {
            System.setErr(original);
        }
        assertThat(commands).isGreaterThan(10);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }
}
