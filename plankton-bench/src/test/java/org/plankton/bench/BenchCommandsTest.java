package org.plankton.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.plankton.cli.PlanktonCli;

/** The benchmark commands join {@code plankton} from this module, and check their options before loading anything. */
class BenchCommandsTest {

    private record Run(int code, String err) {
    }

    private static Run run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = PlanktonCli.execute(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void benchmarkChecksPrecisionChoicesBeforeLoadingAnything() {
        Run pipeline = run("benchmark", "--precision", "bf16", "--data", "some-folder");
        assertThat(pipeline.code()).isEqualTo(PlanktonCli.EXIT_USAGE);
        assertThat(pipeline.err()).contains("needs --network-only");
        Run unknown = run("benchmark", "--network-only", "--precision", "fp16");
        assertThat(unknown.code()).isEqualTo(PlanktonCli.EXIT_USAGE);
        assertThat(unknown.err()).contains("fp32, bf16");
        assertThat(run("benchmark").err()).contains("--data is required");
    }

    @Test
    void everyBenchmarkCommandIsThere() {
        for (String name : new String[] {"benchmark", "benchmark-arch", "benchmark-domain"}) {
            Run help = run(name, "--help");
            assertThat(help.code()).as(name).isEqualTo(PlanktonCli.EXIT_OK);
        }
        assertThat(run("no-such-command").code()).isEqualTo(PlanktonCli.EXIT_USAGE);
    }
}
