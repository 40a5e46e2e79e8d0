package org.plankton.core.image;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Says why content that {@link ImageFormat#sniff} does not recognise is not an image, in words a
 * user can act on: "empty file", or what the file starts with. Showing the start matters because
 * the usual culprits are recognisable at a glance ({@code <svg}, {@code <!DOCTYPE html},
 * {@code PK} for a zip) while their names often look like images.
 */
public final class NotAnImage {

    /** Every reason starts with this, so people and programs can tell these from decoding failures. */
    public static final String PREFIX = "not an image";

    private static final String FORMATS = "content is not JPEG, PNG, GIF, BMP or TIFF";
    private static final int SHOWN_CHARS = 40;
    private static final int SHOWN_BYTES = 8;

    private NotAnImage() {
    }

    /**
     * @param head the first bytes of the content (all of it, or {@link ImageFormat#readHeader})
     * @return e.g. {@code not an image (content is not JPEG, PNG, GIF, BMP or TIFF): text starting "<svg xmlns=..."}
     */
    public static String reason(byte[] head) {
        if (head.length == 0) {
            return PREFIX + ": empty file (0 bytes)";
        }
        return PREFIX + " (" + FORMATS + "): " + describe(head);
    }

    private static String describe(byte[] head) {
        String text = asText(head);
        if (text != null) {
            String shown = text.strip().replaceAll("\\s+", " ");
            if (shown.isEmpty()) {
                return "blank text";
            }
            return "text starting \"" + (shown.length() > SHOWN_CHARS ? shown.substring(0, SHOWN_CHARS).stripTrailing() + "..." : shown)
                    + "\"";
        }
        StringBuilder hex = new StringBuilder("binary data starting");
        for (int i = 0; i < Math.min(SHOWN_BYTES, head.length); i++) {
            hex.append(' ').append(String.format(Locale.ROOT, "%02x", head[i] & 0xFF));
        }
        return hex.toString();
    }

    /** The bytes as text if they look like UTF-8 text (a character cut at the end is fine), else null. */
    private static String asText(byte[] head) {
        String s = new String(head, StandardCharsets.UTF_8);
        // a multi-byte character cut off by the header limit decodes to one replacement character at the end
        if (s.endsWith("\uFFFD")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.startsWith("\uFEFF")) {
            s = s.substring(1);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\uFFFD' || (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                return null;
            }
        }
        return s;
    }
}
