package org.plankton.core.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong(1000 * SECOND);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void formatDuration() {
        assertThat(ProgressBar.formatDuration(0)).isEqualTo("0:00");
        assertThat(ProgressBar.formatDuration(59.4)).isEqualTo("0:59");
        assertThat(ProgressBar.formatDuration(59.6)).isEqualTo("1:00");
        assertThat(ProgressBar.formatDuration(61)).isEqualTo("1:01");
        assertThat(ProgressBar.formatDuration(3599)).isEqualTo("59:59");
        assertThat(ProgressBar.formatDuration(3600)).isEqualTo("1:00:00");
        assertThat(ProgressBar.formatDuration(3661)).isEqualTo("1:01:01");
        assertThat(ProgressBar.formatDuration(36_000)).isEqualTo("10:00:00");
        assertThat(ProgressBar.formatDuration(Double.POSITIVE_INFINITY)).isEqualTo("--:--");
        assertThatThrownBy(() -> ProgressBar.formatDuration(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A resumed classification: earlier images count in done/total, not in this run's rate and ETA. */
    @Test
    void resumedItemsCountAsDoneButNotInTheRate() {
        ProgressBar bar = new ProgressBar("classify", 200, out, false, now::get);
        bar.resumeAt(100);
        assertThat(bar.done()).isEqualTo(100);
        assertThat(bar.line(150, 10)).isEqualTo("classify [#######################.......] 150/200   75%  5.0/s  ETA 0:10");
        bar.step(100);
        now.addAndGet(20 * SECOND);
        bar.close();
        assertThat(output().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo("classify 200/200 in 0:20 (5.0/s, 100 resumed)");
        assertThatThrownBy(() -> bar.resumeAt(5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lineShowsBarCountsPercentRateAndEta() {
        ProgressBar bar = new ProgressBar("classify", 200, out, true, now::get);
        assertThat(bar.line(50, 10)).isEqualTo("classify [########......................] 50/200   25%  5.0/s  ETA 0:30");
        assertThat(bar.line(0, 0)).endsWith("ETA --:--");
    }

    @Test
    void plainOutputPrintsAtTenPercentStepsAndAFinalLine() {
        try (ProgressBar bar = new ProgressBar("train", 100, out, false, now::get)) {
            now.addAndGet(SECOND);
            bar.step(5);              // 5%: nothing yet
            assertThat(output()).isEmpty();
            now.addAndGet(SECOND);
            bar.step(10);             // 15%: crossed 10%
            now.addAndGet(SECOND / 10);
            bar.step(1);              // within 250 ms: not even checked
            now.addAndGet(SECOND);
            bar.step(1);              // 17%: same decile, under 30 s: nothing
            now.addAndGet(SECOND);
            bar.step(83);
            assertThat(bar.done()).isEqualTo(100);
        }
        String[] lines = output().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("train [").contains("15/100");
        assertThat(lines[1]).contains("100/100", "100%");
        assertThat(lines[2]).isEqualTo("train 100/100 in 0:04 (24.4/s)");
        assertThat(output()).doesNotContain("\r");
    }

    @Test
    void terminalOutputRedrawsInPlace() {
        ProgressBar bar = new ProgressBar("x", 10, out, true, now::get);
        now.addAndGet(SECOND);
        bar.step(3);
        bar.close();
        bar.close();
        String[] draws = output().split("\r");
        assertThat(draws).hasSize(3); // "", the bar, the final line
        assertThat(draws[1]).startsWith("x [").contains("3/10");
        assertThat(draws[2]).endsWith("\n").hasSizeGreaterThan(draws[1].length()); // padded over the bar
        assertThat(draws[2].strip()).isEqualTo("x 3/10 in 0:01 (3.0/s)");
    }

    @Test
    void concurrentStepsAreAllCounted() throws InterruptedException {
        ProgressBar bar = new ProgressBar("x", 40_000, out, false);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    bar.step();
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(bar.done()).isEqualTo(40_000);
    }
}
