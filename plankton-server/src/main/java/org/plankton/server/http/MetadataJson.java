package org.plankton.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.plankton.server.samples.SampleMetadata;

/**
 * Sample metadata fields of a JSON body applied onto what is stored: a field present sets it
 * ({@code null} clears it), a field absent keeps it, so PATCH sends only what changes. Numbers
 * must be JSON numbers and text fields strings; a wrong type or an impossible value is a 400 that
 * names the field ({@code {"error": ..., "field": "volume_l"}}).
 */
final class MetadataJson {

    private MetadataJson() {
    }

    /** @param others body fields that are not metadata but allowed (a create's name and description) */
    static SampleMetadata apply(SampleMetadata base, JsonNode body, Set<String> others) {
        SampleMetadata m = base;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            if (others.contains(field)) {
                continue;
            }
            if (!SampleMetadata.FIELDS.contains(field)) {
                throw invalid(field, "unknown field '" + field + "'; sample metadata fields are "
                        + String.join(", ", SampleMetadata.FIELDS));
            }
            m = with(m, field, value(field, e.getValue()));
        }
        return m;
    }

    /** Sets one field, turning a refused value into a 400 that names it. */
    static SampleMetadata with(SampleMetadata m, String field, Object value) {
        try {
            return m.with(field, value);
        } catch (SampleMetadata.InvalidMetadata e) {
            throw invalid(e.field(), e.getMessage());
        }
    }

    private static Object value(String field, JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (SampleMetadata.TEXT_FIELDS.contains(field)) {
            if (!v.isTextual()) {
                throw invalid(field, "'" + field + "' must be a string");
            }
            return v.asText();
        }
        if (!v.isNumber()) {
            throw invalid(field, "'" + field + "' must be a number");
        }
        return v.asDouble();
    }

    static ApiError invalid(String field, String message) {
        return new ApiError(400, message, Map.of("field", field));
    }
}
