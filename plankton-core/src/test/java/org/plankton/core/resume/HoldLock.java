package org.plankton.core.resume;

import java.nio.file.Path;

/** A child process for PartialRunTest: holds the lock of a part's record until it is killed. */
public final class HoldLock {

    private HoldLock() {
    }

    public static void main(String[] args) throws Exception {
        Path part = Path.of(args[0]);
        try (RecordLock lock = RecordLock.acquire(RunRecord.sidecarOf(part), part)) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(600_000);
        }
    }
}
