package org.plankton.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/** Turns exceptions into one human sentence for stderr. */
final class Errors {
    private Errors() {
    }

    static String describe(Throwable ex) {
        if (ex instanceof NoSuchFileException e) {
            return "no such file or folder: " + e.getFile();
        }
        if (ex instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (ex instanceof FileAlreadyExistsException e) {
            return "already exists: " + e.getFile();
        }
        String msg = ex.getMessage();
        return msg == null || msg.isBlank() ? ex.getClass().getSimpleName() : msg;
    }
}
