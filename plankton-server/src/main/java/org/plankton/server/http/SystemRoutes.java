package org.plankton.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** Health, the model, and the OpenAPI document. */
final class SystemRoutes {

    private final Services s;
    private final byte[] openApi;

    SystemRoutes(Services s) {
        this.s = s;
        try (InputStream in = SystemRoutes.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json missing from the class path");
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void register(RouteTable r) {
        r.get("/api/health", this::health);
        r.get("/api/model", ctx -> Json.ok(ctx, s.model().describe()));
        r.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    }

    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", s.model().id());
        body.put("database", s.db().dialect().name().toLowerCase());
        try {
            int version = s.db().read(c -> {
                try (Statement st = c.createStatement();
                     ResultSet r = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
                    r.next();
                    return r.getInt(1);
                }
            });
            body.put("schema_version", version);
            body.put("status", "ok");
            Json.ok(ctx, body);
        } catch (SQLException e) {
            body.put("status", "database unavailable: " + e.getMessage());
            Json.send(ctx, 503, body);
        }
    }
}
