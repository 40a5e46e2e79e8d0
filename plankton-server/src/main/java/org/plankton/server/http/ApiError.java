package org.plankton.server.http;

import java.util.Map;

/**
 * An error with the HTTP status it should produce; rendered as {@code {"error": message}} plus
 * {@code details} (e.g. the offending field or label), so a client can point at what to fix.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient Map<String, Object> details;

    public ApiError(int status, String message) {
        this(status, message, Map.of());
    }

    public ApiError(int status, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.details = Map.copyOf(details);
    }

    /** Fields added next to {@code error} in the response body. */
    public Map<String, Object> details() {
        return details;
    }

    public int status() {
        return status;
    }

    static ApiError notFound(String what) {
        return new ApiError(404, what + " not found");
    }
}
