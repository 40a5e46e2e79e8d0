package org.plankton.server.http;

/** An error with the HTTP status it should produce; rendered as {@code {"error": message}}. */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;

    public ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static ApiError notFound(String what) {
        return new ApiError(404, what + " not found");
    }
}
