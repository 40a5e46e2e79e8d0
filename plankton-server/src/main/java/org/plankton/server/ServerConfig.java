package org.plankton.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.plankton.nn.infer.InferenceSettings;
import org.plankton.server.db.Database;

/**
 * Everything {@code plankton serve} can be told.
 *
 * @param host           address to listen on; loopback unless the user asks otherwise
 * @param port           TCP port; 0 picks a free one (tests)
 * @param model          model bundle or ensemble folder
 * @param dataDir        holds the embedded database and the image files
 * @param jdbcUrl        database; null for the embedded SQLite file in {@code dataDir}
 * @param token          API token required by every write request; null for none (loopback only)
 * @param maxUploadBytes largest request body accepted on upload endpoints (413 above)
 * @param inference      how the model runs; the server sets only the engine ({@code onnx} or {@code torch},
 *                       null for the default: onnx, so that the server never loads libtorch unless asked to).
 *                       Null for {@link InferenceSettings#defaults()}
 */
public record ServerConfig(String host, int port, Path model, Path dataDir, String jdbcUrl, String token,
                           long maxUploadBytes, InferenceSettings inference) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 64L << 20;
    /** Environment variable read for the token when {@code --token} is not given. */
    public static final String TOKEN_ENV = "PLANKTON_TOKEN";

    public ServerConfig {
        if (inference == null) {
            inference = InferenceSettings.defaults();
        }
        if (host == null || host.isBlank()) {
            host = DEFAULT_HOST;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        if (model == null || dataDir == null) {
            throw new IllegalArgumentException("a model folder and a data folder are needed");
        }
        if (maxUploadBytes < 1024) {
            throw new IllegalArgumentException("upload limit must be at least 1024 bytes, got " + maxUploadBytes);
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token != null && token.length() < 16) {
            throw new IllegalArgumentException("the API token must be at least 16 characters, got " + token.length());
        }
        if (token == null && !isLoopback(host)) {
            throw new IllegalArgumentException("refusing to listen on " + host + " without an API token: every write"
                    + " request would be open to the network (pass --token or set " + TOKEN_ENV + ", or bind to 127.0.0.1)");
        }
    }

    /** Defaults for {@code model} and {@code dataDir}: loopback, port 8080, embedded SQLite, no token. */
    public static ServerConfig local(Path model, Path dataDir) {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, model, dataDir, null, null, DEFAULT_MAX_UPLOAD_BYTES,
                InferenceSettings.defaults());
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, model, dataDir, jdbcUrl, token, maxUploadBytes, inference);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, model, dataDir, jdbcUrl, token, maxUploadBytes, inference);
    }

    public ServerConfig withToken(String t) {
        return new ServerConfig(host, port, model, dataDir, jdbcUrl, t, maxUploadBytes, inference);
    }

    public ServerConfig withJdbcUrl(String url) {
        return new ServerConfig(host, port, model, dataDir, url, token, maxUploadBytes, inference);
    }

    public ServerConfig withMaxUploadBytes(long bytes) {
        return new ServerConfig(host, port, model, dataDir, jdbcUrl, token, bytes, inference);
    }

    /** The database URL to open: the given one, or the embedded SQLite file. */
    public String effectiveJdbcUrl() {
        return jdbcUrl != null ? jdbcUrl : Database.sqliteUrl(dataDir);
    }

    /**
     * True for addresses only this machine can reach. A name is resolved: "localhost" is fine,
     * "0.0.0.0" (every interface) and a LAN address are not. An unresolvable name counts as
     * not loopback, so the safe rule applies.
     */
    static boolean isLoopback(String host) {
        try {
            InetAddress a = InetAddress.getByName(host);
            return a.isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public ServerConfig withEngine(String e) {
        return new ServerConfig(host, port, model, dataDir, jdbcUrl, token, maxUploadBytes, inference.withEngine(e));
    }
}
