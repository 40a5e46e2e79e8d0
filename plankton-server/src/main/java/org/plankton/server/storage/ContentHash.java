package org.plankton.server.storage;

import java.util.regex.Pattern;
import org.plankton.core.bundle.Sha256;

/** SHA-256 of bytes as 64 lowercase hex digits: the identity of an image's content. */
public final class ContentHash {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private ContentHash() {
    }

    public static String of(byte[] data) {
        return Sha256.of(data);
    }

    /** True only for a well-formed hash, the one thing ever allowed to become part of a path. */
    public static boolean isValid(String hash) {
        return hash != null && HEX64.matcher(hash).matches();
    }
}
