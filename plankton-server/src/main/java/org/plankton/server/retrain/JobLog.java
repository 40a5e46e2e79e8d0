package org.plankton.server.retrain;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training run's console output, kept for {@code GET /api/retrain}: TrainingRun reports through a
 * PrintStream, so the job's messages and its epoch count are read from the lines it prints rather
 * than by adding a listener interface to the trainer. Progress-bar redraws (ended by a carriage
 * return) are dropped; only the last {@link #MAX_LINES} lines are kept.
 */
final class JobLog extends OutputStream {

    static final int MAX_LINES = 200;
    private static final Pattern EPOCH_DONE = Pattern.compile("^epoch (\\d+)/(\\d+) +train loss");

    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final StringBuilder line = new StringBuilder();
    private volatile int epochsDone;

    PrintStream printStream() {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            add(new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            line.setLength(0);
        } else if (b == '\r') {
            line.setLength(0);
        } else {
            line.append((char) (b & 0xff));
        }
    }

    /** Adds a message of the job's own. */
    synchronized void add(String message) {
        String text = message.strip();
        if (text.isEmpty()) {
            return;
        }
        Matcher m = EPOCH_DONE.matcher(text);
        if (m.find()) {
            epochsDone = Integer.parseInt(m.group(1));
        }
        lines.addLast(text);
        while (lines.size() > MAX_LINES) {
            lines.removeFirst();
        }
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    int epochsDone() {
        return epochsDone;
    }
}
