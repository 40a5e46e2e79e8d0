package org.plankton.core.resume;

/**
 * {@code --resume} cannot go on from the {@code .part} file it found: another model or other
 * settings wrote it, or nothing records what did. The message is one line naming what differs;
 * a usage error (the user can rerun without {@code --resume}), not a failure of the run.
 */
public final class ResumeRefused extends RuntimeException {

    public ResumeRefused(String message) {
        super(message);
    }
}
