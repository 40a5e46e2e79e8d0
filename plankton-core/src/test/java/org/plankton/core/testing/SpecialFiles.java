package org.plankton.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Entries a listing must cope with that Java cannot create by itself. */
public final class SpecialFiles {

    private SpecialFiles() {
    }

    /**
     * Creates a named pipe with the system's {@code mkfifo}.
     *
     * @return false where there is no mkfifo (tests then leave the pipe out, saying so)
     */
    public static boolean mkfifo(Path path) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(path);
        } catch (IOException e) {
            return false;
        }
    }
}
