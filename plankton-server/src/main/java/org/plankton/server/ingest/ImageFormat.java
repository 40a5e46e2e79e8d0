package org.plankton.server.ingest;

import java.util.Optional;

/**
 * Image formats we accept, recognised from their first bytes. The extension and the
 * Content-Type a client sends are never trusted: a {@code .jpg} that is really HTML is refused.
 */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    GIF("image/gif", "gif"),
    BMP("image/bmp", "bmp"),
    TIFF("image/tiff", "tif");

    private final String mediaType;
    private final String extension;

    ImageFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** Formats EcoTaxa imports as they are; others are converted to PNG for it. */
    public boolean ecoTaxaReady() {
        return this == JPEG || this == PNG || this == GIF;
    }

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
        if (starts(b, 'B', 'M') && b.length > 26) {
            return Optional.of(BMP);
        }
        if (starts(b, 'I', 'I', 42, 0) || starts(b, 'M', 'M', 0, 42)) {
            return Optional.of(TIFF);
        }
        return Optional.empty();
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
