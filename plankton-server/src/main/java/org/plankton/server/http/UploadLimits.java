package org.plankton.server.http;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.plankton.server.ingest.Upload;

/**
 * Reads multipart file parts within the upload limit.
 *
 * <p>Three fences, because each catches what the others miss: a declared Content-Length over
 * the limit is refused before a byte of the body is read; Jetty's multipart parser is configured
 * with the same limit for chunked bodies that declare nothing; and each part is read with a
 * counted stream, so no path ever holds more than the limit in memory.
 */
final class UploadLimits {

    static final int MAX_FILES = 1000;

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
            throw tooLarge();
        }
    }

    ApiError tooLarge() {
        return new ApiError(413, "upload larger than the limit of " + maxBytes + " bytes");
    }

    /** Every file part of a multipart request, in order; 400 when there is none. */
    List<Upload> read(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase().startsWith("multipart/form-data")) {
            throw new ApiError(400, "send images as multipart/form-data file parts");
        }
        checkDeclaredLength(ctx);
        List<UploadedFile> files;
        try {
            files = ctx.uploadedFiles();
        } catch (RuntimeException e) {
            if (Limits.isSizeError(e)) {
                throw tooLarge();
            }
            throw new ApiError(400, "malformed multipart body: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new ApiError(400, "no file parts in the request (send images as multipart/form-data files)");
        }
        if (files.size() > MAX_FILES) {
            throw new ApiError(413, "at most " + MAX_FILES + " files per request, got " + files.size());
        }
        List<Upload> out = new ArrayList<>(files.size());
        long total = 0;
        for (UploadedFile f : files) {
            byte[] data;
            try (InputStream in = f.content()) {
                data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes - total + 1));
            } catch (IOException e) {
                throw new ApiError(400, "cannot read part " + f.filename() + ": " + e.getMessage());
            }
            total += data.length;
            if (total > maxBytes) {
                throw tooLarge();
            }
            out.add(new Upload(f.filename(), data));
        }
        return out;
    }
}
