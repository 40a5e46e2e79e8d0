package org.plankton.server.images;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The full probability vector as stored: a JSON object in one text column, written and read here. One column rather
 * than a row per class because it is always read and written whole, and the class list belongs
 * to the model that produced it, not to the schema.
 */
final class ProbabilitiesJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Double>> TYPE = new TypeReference<>() {
    };

    private ProbabilitiesJson() {
    }

    static String write(Map<String, Float> probabilities) {
        try {
            return JSON.writeValueAsString(probabilities);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Double> read(String json) {
        try {
            return JSON.readValue(json, TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("damaged probabilities in the database: " + e.getOriginalMessage(), e);
        }
    }
}
