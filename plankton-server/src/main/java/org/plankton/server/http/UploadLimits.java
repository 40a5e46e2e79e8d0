package org.plankton.server.http;

import io.javalin.http.Context;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.plankton.server.ingest.Upload;

/**
 * Reads multipart file parts within the upload limit.
 *
 * <p>Three fences, because each catches what the others miss: a declared Content-Length over
 * the limit is refused before any of the body is parsed or kept; Jetty's multipart parser is configured
 * with the same limit for chunked bodies that declare nothing; and each part is read with a
 * counted stream, so no path ever holds more than the limit in memory.
 *
 * <p>A refused body is read and thrown away (up to {@link #DISCARD_CAP}) before the 413 goes
 * out. Answering early and closing with the body still arriving makes the server's TCP stack
 * reset the connection, and a reset can wipe the 413 out of the client's receive buffer: the
 * client then sees "connection reset" instead of the reason. Clients that send
 * {@code Expect: 100-continue} have sent no body yet, so theirs is not read.
 */
final class UploadLimits {

    static final int MAX_FILES = 1000;

    /** Largest refused body read and discarded so the client gets the 413; bigger ones are cut off. */
    static final long DISCARD_CAP = 64L << 20;

    private final long maxBytes;

    UploadLimits(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** Refuses a request whose declared body is over the limit (413) before reading it. */
    void checkDeclaredLength(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            discardBody(ctx);
            throw tooLarge();
        }
    }

    /**
     * Reads and drops the rest of a refused body, so the 413 reaches the client (see the class
     * comment). Only counts bytes; nothing is kept.
     *
     * <p>Also asks for the connection to be closed after the answer, and says so: Jetty drops a
     * connection whose multipart parse failed, and a client that was not told would send its next
     * request down the dead connection and get no answer at all.
     */
    static void discardBody(Context ctx) {
        ctx.header("Connection", "close");
        long declared = ctx.req().getContentLengthLong(); // -1 for chunked bodies
        if ("100-continue".equalsIgnoreCase(ctx.req().getHeader("Expect")) || declared > DISCARD_CAP) {
            return;
        }
        byte[] sink = new byte[64 * 1024];
        long read = 0;
        try {
            InputStream in = ctx.req().getInputStream();
            for (int n; read < DISCARD_CAP && (n = in.read(sink)) != -1; ) {
                read += n;
            }
        } catch (IOException | RuntimeException e) {
            // the body is gone or unreadable: the 413 goes out anyway and the connection closes
        }
    }

    ApiError tooLarge() {
        return new ApiError(413, "upload larger than the limit of " + maxBytes + " bytes");
    }

    /**
     * Every part of a multipart request, in order; 400 when there is none. Form fields (parts
     * without a file name, as {@code curl -F 'image=<x.png'} sends) are taken too, named by their
     * field name: their content decides whether they are images, like a file's, so nothing a
     * client sent is dropped without an answer.
     */
    List<Upload> read(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase().startsWith("multipart/form-data")) {
            throw new ApiError(400, "send images as multipart/form-data file parts");
        }
        checkDeclaredLength(ctx);
        List<Part> parts;
        try {
            ctx.uploadedFiles(); // parses the body under Javalin's multipart configuration (the limits)
            parts = List.copyOf(ctx.req().getParts());
        } catch (RuntimeException | IOException | ServletException e) {
            if (Limits.isSizeError(e)) {
                discardBody(ctx);
                throw tooLarge();
            }
            throw new ApiError(400, "malformed multipart body: " + e.getMessage());
        }
        if (parts.isEmpty()) {
            throw new ApiError(400, "no file parts in the request (send images as multipart/form-data files)");
        }
        if (parts.size() > MAX_FILES) {
            throw new ApiError(413, "at most " + MAX_FILES + " files per request, got " + parts.size());
        }
        List<Upload> out = new ArrayList<>(parts.size());
        long total = 0;
        for (Part p : parts) {
            String name = p.getSubmittedFileName() != null ? p.getSubmittedFileName() : p.getName();
            byte[] data;
            try (InputStream in = p.getInputStream()) {
                data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes - total + 1));
            } catch (IOException e) {
                throw new ApiError(400, "cannot read part " + name + ": " + e.getMessage());
            }
            total += data.length;
            if (total > maxBytes) {
                throw tooLarge();
            }
            out.add(new Upload(name, data));
        }
        return out;
    }
}
