package org.plankton.core.data;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.plankton.core.data.SkippedFile.Kind;
import org.plankton.core.image.ImageFormat;
import org.plankton.core.image.NotAnImage;

/**
 * Decides what one entry met while listing is: an image (by its first bytes), or a
 * {@link SkippedFile} saying why not. Only regular files are opened, and only their first
 * {@link ImageFormat#HEADER_BYTES} bytes are read: opening a named pipe would block until someone
 * writes to it, and reading whole files would make listing as slow as decoding.
 */
final class EntryProbe {

    /** Suffix of the files our writers fill before renaming them into place. */
    static final String PART_SUFFIX = ".part";

    private final Set<Path> ownOutputs = new HashSet<>();

    EntryProbe(Collection<Path> ownOutputs) {
        for (Path p : ownOutputs) {
            this.ownOutputs.add(key(p));
        }
    }

    /**
     * @param attrs attributes as a walk that follows links reads them: the target's, or the link's
     *              own when the link cannot be followed
     * @param named whether the user named this path (then it is looked at even if hidden)
     * @return empty if the entry is an image
     */
    Optional<SkippedFile> probe(Path file, BasicFileAttributes attrs, boolean named) {
        if (!named && isHidden(file)) {
            return skip(file, Kind.HIDDEN, "hidden (name starts with '.')");
        }
        if (ownOutputs.contains(key(file))) {
            return skip(file, Kind.OWN_OUTPUT, "an output of this run");
        }
        if (file.getFileName() != null && file.getFileName().toString().endsWith(PART_SUFFIX)) {
            return skip(file, Kind.OWN_OUTPUT, "unfinished output (" + PART_SUFFIX + " file)");
        }
        if (attrs.isSymbolicLink()) {
            return skip(file, Kind.UNREADABLE, linkProblem(file));
        }
        if (attrs.isDirectory()) {
            return skip(file, Kind.UNREADABLE, "a folder, not a file");
        }
        if (!attrs.isRegularFile()) {
            return skip(file, Kind.UNREADABLE, "not a regular file but " + specialKind(file) + "; not read");
        }
        byte[] head;
        try {
            head = ImageFormat.readHeader(file);
        } catch (IOException e) {
            return skip(file, Kind.UNREADABLE, "cannot read: " + describe(e));
        }
        if (ImageFormat.sniff(head).isEmpty()) {
            return skip(file, Kind.NOT_IMAGE, NotAnImage.reason(head));
        }
        return Optional.empty();
    }

    static boolean isHidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** A failure to read an entry's attributes or to open a folder, in a few words. */
    static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no longer exists (removed while listing?)";
        }
        if (e instanceof FileSystemLoopException) {
            return "symbolic link loop (leads back to a folder that contains it), not followed";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Why a link could not be followed; asked again here because the walk only says that it failed. */
    private static String linkProblem(Path link) {
        String target = "";
        try {
            target = " to '" + Files.readSymbolicLink(link) + "'";
        } catch (IOException | UnsupportedOperationException e) {
            // the message just lacks the target
        }
        try {
            Files.readAttributes(link, BasicFileAttributes.class);
            return "symbolic link" + target + " could not be followed while listing";
        } catch (NoSuchFileException e) {
            return "broken symbolic link" + target + " (its target does not exist)";
        } catch (IOException e) {
            if (isLoop(e)) {
                return "symbolic link loop" + target + " (the links lead back to each other)";
            }
            return "symbolic link" + target + " cannot be followed: " + describe(e);
        }
    }

    /** ELOOP, which the JDK reports as a plain FileSystemException with the C library's words. */
    private static boolean isLoop(IOException e) {
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        return reason != null && reason.toLowerCase(Locale.ROOT).contains("levels of symbolic links");
    }

    private static String specialKind(Path file) {
        try {
            // st_mode's file type bits, where the platform has a "unix" attribute view (Linux, macOS)
            int type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
            switch (type) {
                case 0010000:
                    return "a named pipe (FIFO)";
                case 0140000:
                    return "a socket";
                case 0020000:
                    return "a character device";
                case 0060000:
                    return "a block device";
                default:
                    break;
            }
        } catch (IOException | RuntimeException e) {
            // no unix view here: the generic words below
        }
        return "a special file (pipe, socket or device)";
    }

    private static Optional<SkippedFile> skip(Path file, Kind kind, String reason) {
        return Optional.of(new SkippedFile(file, kind, reason));
    }
}
