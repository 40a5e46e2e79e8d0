package org.plankton.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may write. Reads are open; a request that changes or costs something (every method but
 * GET/HEAD/OPTIONS) needs the API token when one is configured, and the server refuses to start
 * off loopback without one ({@code ServerConfig}).
 *
 * <p>Even on loopback, a web page from another site could make the user's browser POST a form to
 * {@code 127.0.0.1:8080} without any preflight. Browsers always send {@code Origin} on such
 * requests, so a write whose Origin is not this server is refused.
 */
final class AccessGuard {

    static final String TOKEN_HEADER = "X-Plankton-Token";

    private final byte[] token;

    AccessGuard(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    void check(Context ctx) {
        HandlerType m = ctx.method();
        if (m == HandlerType.GET || m == HandlerType.HEAD || m == HandlerType.OPTIONS) {
            return;
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin, ctx.header("Host"))) {
            throw new ApiError(403, "cross-origin write refused (Origin " + origin + ")");
        }
        if (token == null) {
            return;
        }
        String given = ctx.header(TOKEN_HEADER);
        String auth = ctx.header("Authorization");
        if (given == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = auth.substring(7).strip();
        }
        // constant-time comparison: response timing must not reveal how much of a guess was right
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "this server needs an API token for writes (header 'Authorization: Bearer <token>'"
                    + " or '" + TOKEN_HEADER + "')");
        }
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null || "null".equals(origin)) {
            return false;
        }
        try {
            URI o = URI.create(origin);
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
