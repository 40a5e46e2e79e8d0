package org.plankton.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.plankton.core.bundle.ModelBundle;

/**
 * Checks that an .onnx file given in place of a bundle's own (an int8 export, {@code --onnx-model})
 * computes that bundle's network: the same classes in the same order, one member, the same
 * preprocessing and architecture, as recorded in the file's metadata by {@link ModelMetadata}. The
 * weights themselves cannot be compared (a quantised file holds other numbers), so a file exported
 * from another training run of the same recipe passes; the error message for anything else names
 * what differs. Not the temperature: the engine returns logits and the bundle calibrates them.
 */
final class ModelFileCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFileCheck() {
    }

    /** As the metadata was written: through JSON text (a float written and read back is a double node). */
    private static JsonNode tree(Object o) throws IOException {
        return JSON.readTree(JSON.writeValueAsString(o));
    }

    static void check(Path file, Map<String, String> metadata, ModelBundle bundle) throws IOException {
        String classes = metadata.get(ModelMetadata.CLASSES);
        String members = metadata.get(ModelMetadata.MEMBERS);
        if (classes == null || members == null) {
            throw new IOException(file + " was not exported by plankton (no " + ModelMetadata.CLASSES + " metadata)");
        }
        if (!JSON.readTree(classes).equals(tree(bundle.classes().names()))) {
            throw new IOException(file + " has other classes than " + bundle.directory() + " (or in another order)");
        }
        JsonNode list = JSON.readTree(members);
        if (list.size() != 1) {
            throw new IOException(file + " is an ensemble of " + list.size() + " networks; " + bundle.directory()
                    + " is one model");
        }
        JsonNode m = list.get(0);
        if (!m.get("preprocess").equals(tree(ModelMetadata.preprocess(bundle.manifest().preprocess())))) {
            throw new IOException(file + " prepares images differently from " + bundle.directory() + ": "
                    + m.get("preprocess"));
        }
        if (!m.get("architecture").equals(tree(bundle.manifest().architecture()))) {
            throw new IOException(file + " has another architecture than " + bundle.directory() + ": " + m.get("architecture"));
        }
    }
}
