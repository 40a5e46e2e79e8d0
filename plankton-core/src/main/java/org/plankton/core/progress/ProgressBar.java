package org.plankton.core.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A console progress line that is cheap enough to call per image from many threads.
 *
 * <p>{@link #step} only adds to an {@link AtomicLong} and, at most every 250 ms, redraws. On a
 * terminal it redraws one line in place with '\r':
 * {@code label [#####.........] done/total  pct  rate/s  ETA m:ss}. Elsewhere (CI logs, nohup,
 * redirected output) '\r' would pile up into one enormous line, so it prints a plain line at most
 * every 10% of the total or every 30 s. {@link #close} prints the final line with the elapsed time
 * and mean rate. A total of 0 means "unknown": counts and rate are shown, no bar or ETA.
 */
public final class ProgressBar implements AutoCloseable {

    private static final long REDRAW_NANOS = 250_000_000L;
    private static final long PLAIN_INTERVAL_NANOS = 30_000_000_000L;
    private static final int WIDTH = 30;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long start;
    private final AtomicLong done = new AtomicLong();
    private volatile long resumed;
    private final AtomicLong nextCheck;
    private final AtomicBoolean closed = new AtomicBoolean();

    // guarded by this
    private long lastPlainPrint;
    private int lastPlainDecile;
    private int lastWidth;

    /** A progress bar on {@code out}, redrawn in place if a console is attached. */
    public ProgressBar(String label, long total, PrintStream out) {
        this(label, total, out, System.console() != null);
    }

    /** As above, choosing explicitly between in-place redraw ({@code terminal}) and plain lines. */
    public ProgressBar(String label, long total, PrintStream out, boolean terminal) {
        this(label, total, out, terminal, System::nanoTime);
    }

    ProgressBar(String label, long total, PrintStream out, boolean terminal, LongSupplier clock) {
        if (label == null) {
            throw new IllegalArgumentException("label must not be null");
        }
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0 (0 = unknown), got " + total);
        }
        if (out == null) {
            throw new IllegalArgumentException("output stream must not be null");
        }
        this.label = label;
        this.total = total;
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastPlainPrint = start;
        this.nextCheck = new AtomicLong(start + REDRAW_NANOS);
    }

    /** Records {@code n} more items done; thread-safe, and usually just an atomic add. */
    public void step(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + n);
        }
        long d = done.addAndGet(n);
        long now = clock.getAsLong();
        long due = nextCheck.get();
        if (now - due >= 0 && nextCheck.compareAndSet(due, now + REDRAW_NANOS) && !closed.get()) {
            draw(d, now);
        }
    }

    /**
     * Counts {@code n} items as done by an earlier, interrupted run (a resumed classification):
     * they show in done/total but not in the rate, so the ETA reflects this run's speed.
     * Call before the first {@link #step}.
     */
    public void resumeAt(long n) {
        if (n < 0 || done.get() != 0) {
            throw new IllegalArgumentException("resume at " + n + " must be >= 0 and before any step");
        }
        resumed = n;
        done.set(n);
    }

    /** Records one item done. */
    public void step() {
        step(1);
    }

    /** Items done so far. */
    public long done() {
        return done.get();
    }

    private synchronized void draw(long d, long now) {
        if (closed.get()) {
            return;
        }
        double elapsed = (now - start) / 1e9;
        if (terminal) {
            printInPlace(line(d, elapsed));
            return;
        }
        int decile = total > 0 ? (int) Math.min(10, d * 10 / total) : 0;
        if (decile > lastPlainDecile || now - lastPlainPrint >= PLAIN_INTERVAL_NANOS) {
            lastPlainDecile = Math.max(lastPlainDecile, decile);
            lastPlainPrint = now;
            out.println(line(d, elapsed));
            out.flush();
        }
    }

    /** Prints the final line (elapsed time and mean rate); further calls do nothing. */
    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long d = done.get();
        double elapsed = (clock.getAsLong() - start) / 1e9;
        String counts = total > 0 ? d + "/" + total : Long.toString(d);
        String last = label + " " + counts + " in " + formatDuration(elapsed) + " (" + rate(d - resumed, elapsed) + "/s"
                + (resumed > 0 ? ", " + resumed + " resumed" : "") + ")";
        if (terminal) {
            printInPlace(last);
            out.println();
        } else {
            out.println(last);
        }
        out.flush();
    }

    private void printInPlace(String text) {
        // pad so a shorter line fully covers the previous one
        String padded = text.length() < lastWidth ? text + " ".repeat(lastWidth - text.length()) : text;
        lastWidth = text.length();
        out.print('\r' + padded);
        out.flush();
    }

    String line(long d, double elapsedSeconds) {
        StringBuilder sb = new StringBuilder(label);
        long fresh = d - resumed;
        double perSecond = elapsedSeconds > 0 ? fresh / elapsedSeconds : 0;
        if (total > 0) {
            double fraction = Math.min(1.0, (double) d / total);
            int filled = (int) Math.round(fraction * WIDTH);
            sb.append(" [").append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(d).append('/').append(total)
                    .append(String.format(Locale.ROOT, "  %3.0f%%", fraction * 100))
                    .append("  ").append(rate(fresh, elapsedSeconds)).append("/s")
                    .append("  ETA ").append(perSecond > 0 ? formatDuration(Math.max(0, total - d) / perSecond) : "--:--");
        } else {
            sb.append(' ').append(d).append("  ").append(rate(fresh, elapsedSeconds)).append("/s");
        }
        return sb.toString();
    }

    private static String rate(long d, double elapsedSeconds) {
        double r = elapsedSeconds > 0 ? d / elapsedSeconds : 0;
        return String.format(Locale.ROOT, r >= 100 ? "%.0f" : "%.1f", r);
    }

    /**
     * Human duration: {@code m:ss} below an hour, {@code h:mm:ss} from an hour on, rounded to the
     * second; "--:--" for a duration that is not finite (e.g. an ETA at rate 0).
     */
    public static String formatDuration(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "--:--";
        }
        if (seconds < 0) {
            throw new IllegalArgumentException("duration must be >= 0 seconds, got " + seconds);
        }
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
