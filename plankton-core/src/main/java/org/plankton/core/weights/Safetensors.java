package org.plankton.core.weights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plankton.core.bundle.AtomicFiles;

/**
 * The safetensors format (huggingface/safetensors): an 8-byte little-endian header length, a JSON
 * header mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (byte
 * offsets into the data that follows) plus an optional {@code "__metadata__"} string map, padded
 * with spaces to a multiple of 8 bytes, then the raw little-endian data.
 *
 * <p>We write float32 ({@code F32}) or, to halve a bundle's size, float16 ({@code F16}: every value
 * rounded to the nearest half; a value beyond the half range is refused rather than stored as
 * infinity), in the order given, so a written list reads back in the same order (the order is what maps tensors onto a network, see {@link DjlParamsReader}). Reading
 * accepts {@code F32}, {@code F64}, {@code F16} and {@code BF16} (widened to float), in data-offset
 * order; files written elsewhere are usually sorted by name, so match those by name.
 */
public final class Safetensors {

    /** A file's tensors (in data order) and its {@code __metadata__}. */
    public record Contents(List<NamedTensor> tensors, Map<String, String> metadata) {
        public Contents {
            tensors = List.copyOf(tensors);
            metadata = Map.copyOf(metadata);
        }

        /** The tensor named {@code name}; IllegalArgumentException naming what there is when absent. */
        public NamedTensor get(String name) {
            return tensors.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("no tensor '" + name + "' among " + tensors.size() + " tensors"));
        }
    }

    /** The element types we write. */
    public enum Dtype {
        F32(4), F16(2);

        /** Bytes per element. */
        public final int bytes;

        Dtype(int bytes) {
            this.bytes = bytes;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA = "__metadata__";
    /** Refuse absurd headers before allocating them (the reference implementation's limit). */
    private static final long MAX_HEADER = 100L << 20;

    private Safetensors() {
    }

    /** Atomically writes {@code tensors} (names unique) with {@code metadata} to {@code file}. */
    public static void write(Path file, List<NamedTensor> tensors, Map<String, String> metadata) throws IOException {
        write(file, tensors, metadata, Dtype.F32);
    }

    /**
     * Atomically writes {@code tensors} as {@code dtype}; for F16 an IllegalArgumentException names
     * the first tensor with a finite value beyond the half range (+-65504).
     */
    public static void write(Path file, List<NamedTensor> tensors, Map<String, String> metadata, Dtype dtype)
            throws IOException {
        byte[] header = header(tensors, metadata, dtype);
        AtomicFiles.write(file, out -> write(out, header, tensors, dtype));
    }

    /** Writes the file's bytes (float32) to {@code out}. */
    public static void write(OutputStream out, List<NamedTensor> tensors, Map<String, String> metadata)
            throws IOException {
        write(out, header(tensors, metadata, Dtype.F32), tensors, Dtype.F32);
    }

    private static void write(OutputStream out, byte[] header, List<NamedTensor> tensors, Dtype dtype) throws IOException {
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.write(header);
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (NamedTensor t : tensors) {
            for (float v : t.values()) {
                if (chunk.remaining() < dtype.bytes) {
                    out.write(chunk.array(), 0, chunk.position());
                    chunk.clear();
                }
                if (dtype == Dtype.F32) {
                    chunk.putFloat(v);
                } else {
                    chunk.putShort(Half.fromFloat(v));
                }
            }
        }
        out.write(chunk.array(), 0, chunk.position());
        out.flush();
    }

    private static byte[] header(List<NamedTensor> tensors, Map<String, String> metadata, Dtype dtype)
            throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA);
            metadata.forEach(meta::put);
        }
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (NamedTensor t : tensors) {
            if (t.name().equals(METADATA) || !names.add(t.name())) {
                throw new IllegalArgumentException("tensor names must be unique and not " + METADATA + ", got '"
                        + t.name() + "' twice or reserved");
            }
            if (dtype == Dtype.F16) {
                checkHalfRange(t);
            }
            ObjectNode e = root.putObject(t.name());
            e.put("dtype", dtype.name());
            var shape = e.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            long end = offset + (long) dtype.bytes * t.size();
            e.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(root);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        java.util.Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    /** Finite values beyond the half range would be stored as infinity: a different network, so refused. */
    private static void checkHalfRange(NamedTensor t) {
        for (float v : t.values()) {
            if (Float.isFinite(v) && Math.abs(v) > Half.MAX) {
                throw new IllegalArgumentException("tensor " + t.name() + " holds " + v + ", beyond float16's range"
                        + " (+-" + Half.MAX + "); keep these weights in float32");
            }
        }
    }

    /**
     * The dtype of each tensor as the file's header names it ({@code F32}, {@code F16}, ...), by
     * tensor name; what the bundle stores, where {@link #read} widens everything to float.
     */
    public static Map<String, String> dtypes(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode root = JSON.readTree(headerBytes(file));
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals(METADATA)) {
                out.put(e.getKey(), e.getValue().path("dtype").asText(""));
            }
        }
        return out;
    }

    private static byte[] headerBytes(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] len = in.readNBytes(8);
            if (len.length < 8) {
                throw new IOException(file + ": not a safetensors file (" + len.length + " bytes)");
            }
            long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n < 2 || n > MAX_HEADER) {
                throw new IOException(file + ": not a safetensors file (header length " + n + ")");
            }
            byte[] header = in.readNBytes((int) n);
            if (header.length != n) {
                throw new IOException(file + ": truncated safetensors header");
            }
            return header;
        }
    }

    public static Contents read(Path file) throws IOException {
        try {
            return read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public static Contents read(byte[] bytes) throws IOException {
        if (bytes.length < 8) {
            throw new IOException("not a safetensors file: " + bytes.length + " bytes");
        }
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = bb.getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER || 8 + headerLength > bytes.length) {
            throw new IOException("not a safetensors file: header length " + headerLength + " for " + bytes.length + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IOException("not a safetensors file: header is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("not a safetensors file: header is not a JSON object");
        }
        int dataStart = 8 + (int) headerLength;
        int dataLength = bytes.length - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<long[]> spans = new ArrayList<>();
        List<NamedTensor> tensors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(METADATA)) {
                e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            NamedTensor t = tensor(e.getKey(), e.getValue(), bytes, dataStart, dataLength);
            spans.add(new long[] {e.getValue().get("data_offsets").get(0).asLong(), tensors.size()});
            tensors.add(t);
        }
        spans.sort(Comparator.comparingLong(s -> s[0]));
        List<NamedTensor> ordered = new ArrayList<>(tensors.size());
        spans.forEach(s -> ordered.add(tensors.get((int) s[1])));
        return new Contents(ordered, metadata);
    }

    private static NamedTensor tensor(String name, JsonNode e, byte[] bytes, int dataStart, int dataLength)
            throws IOException {
        JsonNode shapeNode = e.get("shape");
        JsonNode offsets = e.get("data_offsets");
        String dtype = e.path("dtype").asText("");
        if (shapeNode == null || !shapeNode.isArray() || offsets == null || offsets.size() != 2) {
            throw new IOException("tensor " + name + ": needs shape and data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong(-1);
            if (shape[i] < 0) {
                throw new IOException("tensor " + name + ": bad shape " + shapeNode);
            }
            n *= shape[i];
        }
        int width = switch (dtype) {
            case "F32" -> 4;
            case "F64" -> 8;
            case "F16", "BF16" -> 2;
            default -> throw new IOException("tensor " + name + ": dtype " + dtype + " is not supported (F32, F64, F16, BF16)");
        };
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end < begin || end > dataLength || end - begin != n * width) {
            throw new IOException("tensor " + name + ": data_offsets [" + begin + ", " + end + "] do not fit shape "
                    + shapeNode + " of " + dtype + " in " + dataLength + " data bytes");
        }
        ByteBuffer d = ByteBuffer.wrap(bytes, dataStart + (int) begin, (int) (end - begin)).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[(int) n];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (dtype) {
                case "F32" -> d.getFloat(4 * i);
                case "F64" -> (float) d.getDouble(8 * i);
                case "F16" -> Half.toFloat(d.getShort(2 * i));
                default -> Float.intBitsToFloat((d.getShort(2 * i) & 0xffff) << 16);
            };
        }
        return new NamedTensor(name, shape, values);
    }
}
