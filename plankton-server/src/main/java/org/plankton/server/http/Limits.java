package org.plankton.server.http;

import java.util.Locale;

/** Recognises the many shapes of "request too large" that Jetty's parsers throw. */
final class Limits {

    private Limits() {
    }

    static boolean isSizeError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.BadMessageException b && b.getCode() == 413) {
                return true;
            }
            String m = t.getMessage();
            if (m != null) {
                String l = m.toLowerCase(Locale.ROOT);
                if (l.contains("exceed") || l.contains("too large") || l.contains("max file size")
                        || l.contains("maxrequestsize") || l.contains("max length")) {
                    return true;
                }
            }
        }
        return false;
    }
}
