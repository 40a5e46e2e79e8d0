package org.plankton.core.weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a bundle's weights file in either format a bundle may hold: safetensors (what bundles are
 * written in from the JavaCPP engine on) or DJL's {@code .params} (every bundle written before).
 */
public final class WeightFiles {

    /** The file name new bundles use. */
    public static final String SAFETENSORS_NAME = "weights.safetensors";

    private WeightFiles() {
    }

    /** The tensors in file order; IOException when unreadable or in neither format. */
    public static List<NamedTensor> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return isSafetensors(file, bytes) ? Safetensors.read(bytes).tensors() : DjlParamsReader.read(bytes);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * By name first; else by content: safetensors begins with an 8-byte header length and then the
     * header's opening brace, which a DJL file (a version byte, then block metadata) never has there.
     */
    static boolean isSafetensors(Path file, byte[] bytes) {
        if (file.getFileName().toString().endsWith(".safetensors")) {
            return true;
        }
        return bytes.length > 8 && bytes[8] == '{';
    }
}
