package org.plankton.server.ingest;

/** One uploaded file: the name the client gave (for display only) and its bytes. */
public record Upload(String name, byte[] data) {

    public static final int MAX_NAME = 255;

    public Upload {
        name = clean(name);
    }

    /**
     * The client's file name reduced to its last path element and printable characters, cut to
     * {@link #MAX_NAME}: it is shown and exported, never used to open a file.
     */
    static String clean(String name) {
        if (name == null || name.isBlank()) {
            return "unnamed";
        }
        String n = name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        n = n.replaceAll("[\\p{Cntrl}\"\t]", "_").strip();
        if (n.isEmpty()) {
            return "unnamed";
        }
        return n.length() > MAX_NAME ? n.substring(0, MAX_NAME) : n;
    }
}
