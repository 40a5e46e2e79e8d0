package org.plankton.core.image;

import java.util.Objects;

/**
 * An image file that could not be turned into a {@link GrayImage}.
 *
 * <p>Checked, because an unreadable file is an expected event in a folder of thousands of
 * instrument images: callers (dataset loaders, the CLI, the server) decide whether to skip the
 * file and report it, or to fail. The {@link #source()} and {@link #reason()} are kept separate so
 * that skip reports can group files by reason.
 */
public final class ImageDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String reason;

    /**
     * @param source the file name or path (or another label for in-memory data)
     * @param reason why it could not be decoded, for a human reader
     */
    public ImageDecodeException(String source, String reason) {
        this(source, reason, null);
    }

    /**
     * @param source the file name or path (or another label for in-memory data)
     * @param reason why it could not be decoded, for a human reader
     * @param cause  the underlying failure, kept for debugging; may be {@code null}
     */
    public ImageDecodeException(String source, String reason, Throwable cause) {
        super(Objects.requireNonNull(source, "source") + ": " + Objects.requireNonNull(reason, "reason"), cause);
        this.source = source;
        this.reason = reason;
    }

    /** The file name or path the failure belongs to. */
    public String source() {
        return source;
    }

    /** Why the image could not be decoded, without the source. */
    public String reason() {
        return reason;
    }
}
