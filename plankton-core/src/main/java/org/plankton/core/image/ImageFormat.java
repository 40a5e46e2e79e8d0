package org.plankton.core.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * The image formats {@link ImageDecoder} reads, recognised from their first bytes. File names,
 * extensions and the Content-Type a client sends are never trusted: an image without extension is
 * an image, and a {@code .jpg} that is really HTML is not. Folder walks ({@code classify},
 * {@code evaluate}, {@code train}), server uploads and Spark all decide with {@link #sniff}, so
 * they agree on what is an image.
 */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    GIF("image/gif", "gif"),
    BMP("image/bmp", "bmp"),
    TIFF("image/tiff", "tif");

    /**
     * Leading bytes read from a file to recognise it. The signatures need 8 (27 for BMP's header);
     * the rest is for {@link NotAnImage} to show what the file starts with instead.
     */
    public static final int HEADER_BYTES = 64;

    /** Shortest BMP with a complete file and info header start; two bytes "BM" alone are too common in text. */
    private static final int BMP_MIN_BYTES = 27;

    private final String mediaType;
    private final String extension;

    ImageFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The usual extension (without dot), for names we make up; never used to recognise a file. */
    public String extension() {
        return extension;
    }

    /** The format of some content, from its first bytes (the whole content or {@link #readHeader} of a file). */
    public static Optional<ImageFormat> sniff(byte[] b) {
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return Optional.of(GIF);
        }
        if (starts(b, 'B', 'M') && b.length >= BMP_MIN_BYTES) {
            return Optional.of(BMP);
        }
        // classic TIFF (42) and BigTIFF (43), both byte orders; TwelveMonkeys reads both
        if (starts(b, 'I', 'I', 42, 0) || starts(b, 'M', 'M', 0, 42)
                || starts(b, 'I', 'I', 43, 0) || starts(b, 'M', 'M', 0, 43)) {
            return Optional.of(TIFF);
        }
        return Optional.empty();
    }

    /**
     * The first {@link #HEADER_BYTES} bytes of a file (fewer if it is shorter). Opens the file, so
     * call it only for regular files: opening a named pipe would wait for a writer.
     */
    public static byte[] readHeader(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(HEADER_BYTES);
            while (head.hasRemaining() && ch.read(head) >= 0) {
                // a short read is legal: keep reading until the header is full or the file ends
            }
            return head.position() == HEADER_BYTES ? head.array() : Arrays.copyOf(head.array(), head.position());
        }
    }

    public static ImageFormat parse(String name) {
        return valueOf(name);
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
