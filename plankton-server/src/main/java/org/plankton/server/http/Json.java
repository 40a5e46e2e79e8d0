package org.plankton.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/**
 * JSON in and out with our own Jackson mapper, so the wire format does not depend on which JSON
 * library Javalin would pick up from the class path.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static void send(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void ok(Context ctx, Object body) {
        send(ctx, 200, body);
    }

    /** The request body as a JSON object; an empty body is an empty object. */
    static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n == null || !n.isObject()) {
                throw new ApiError(400, "request body must be a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ApiError(400, "'" + field + "' must be a string");
        }
        return v.asText();
    }
}
