package org.plankton.core.weights;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the parameter values out of a DJL {@code Block.saveParameters} file (our bundles'
 * {@code weights.params}) without DJL: the tensors in the order DJL wrote them, each under DJL's
 * short parameter name ({@code weight}, {@code bias}, {@code gamma}, {@code beta},
 * {@code runningMean}, {@code runningVar}).
 *
 * <p>The format (DJL 0.36, {@code AbstractBaseBlock}, {@code Parameter}, {@code NDSerializer}; all
 * big-endian, as {@link java.io.DataOutputStream} writes): each block writes a version byte, then
 * block-specific metadata (input shapes; a Linear writes its units, input features and input
 * shape; a BatchNorm adds its channel count; a SequentialBlock a boolean), then its own parameters,
 * then its children recursively. A parameter is {@code char 'P'}, {@code byte 1}, the name (Java
 * modified UTF-8), then an NDArray: {@code UTF "NDAR"}, {@code int} encoding version (3), a name
 * flag byte and optional name, the sparse format and data type names, the shape ({@code int} rank,
 * {@code long}s, {@code int} layout length, layout {@code char}s), a byte-order byte ({@code '<'}
 * or {@code '>'}), the data length in bytes and the raw data.
 *
 * <p>Which metadata a block writes depends on its Java class, which the file does not record, so a
 * reader that wants to walk the block tree must already know the network. This reader instead
 * finds each parameter record by its fixed prefix ({@code 00 50 01}, a short ASCII name, then
 * {@code 00 04 "NDAR"}) and skips the metadata between records: the structure is the caller's
 * knowledge (the network that maps positions to full names and checks the shapes), the values are
 * this reader's. An uninitialised parameter (DJL writes just {@code 'N'}) yields no tensor; saved
 * trained networks never have one, and a caller checking the count against its network notices.
 */
public final class DjlParamsReader {

    private static final byte[] NDAR = {0, 4, 'N', 'D', 'A', 'R'};
    private static final int MAX_NAME = 64;

    private DjlParamsReader() {
    }

    /** The parameters in file order; IOException when the file is unreadable or not a DJL parameter file. */
    public static List<NamedTensor> read(Path file) throws IOException {
        try {
            return read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public static List<NamedTensor> read(byte[] bytes) throws IOException {
        if (bytes.length < 8 || bytes[0] < 1 || bytes[0] > 16) {
            throw new IOException("not a DJL parameter file (it must start with a block version byte)");
        }
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        List<NamedTensor> out = new ArrayList<>();
        int i = 1;
        while (i < bytes.length) {
            int nameLength = recordAt(bytes, i);
            if (nameLength < 0) {
                i++;
                continue;
            }
            bb.position(i + 5 + nameLength);
            try {
                String name = new String(bytes, i + 5, nameLength, StandardCharsets.US_ASCII);
                out.add(readArray(bb, name));
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                throw new IOException("damaged parameter record at byte " + i + ": " + e.getMessage(), e);
            }
            i = bb.position();
        }
        if (out.isEmpty()) {
            throw new IOException("no parameters found; not a DJL parameter file");
        }
        return out;
    }

    /** The length of the parameter name if a parameter record starts at {@code i}, else -1. */
    private static int recordAt(byte[] b, int i) {
        if (i + 5 >= b.length || b[i] != 0 || b[i + 1] != 'P' || b[i + 2] != 1) {
            return -1;
        }
        int len = ((b[i + 3] & 0xff) << 8) | (b[i + 4] & 0xff);
        if (len < 1 || len > MAX_NAME || i + 5 + len + NDAR.length > b.length) {
            return -1;
        }
        for (int k = 0; k < len; k++) {
            byte c = b[i + 5 + k];
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return -1;
            }
        }
        for (int k = 0; k < NDAR.length; k++) {
            if (b[i + 5 + len + k] != NDAR[k]) {
                return -1;
            }
        }
        return len;
    }

    private static NamedTensor readArray(ByteBuffer bb, String name) throws IOException {
        readUtf(bb); // "NDAR", checked by recordAt
        int version = bb.getInt();
        if (version < 1 || version > 3) {
            throw new IOException("parameter " + name + ": unknown NDArray encoding version " + version);
        }
        if (version > 1 && bb.get() == 1) {
            readUtf(bb); // the array's own name, unused by DJL blocks
        }
        readUtf(bb); // sparse format: always DENSE for parameters
        String dataType = readUtf(bb);
        int rank = bb.getInt();
        if (rank < 0 || rank > 8) {
            throw new IOException("parameter " + name + ": implausible rank " + rank);
        }
        long[] shape = new long[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = bb.getLong();
        }
        int layout = bb.getInt();
        bb.position(bb.position() + 2 * layout);
        ByteOrder order = ByteOrder.nativeOrder(); // version 1 and 2 wrote native order
        if (version > 2) {
            order = bb.get() == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        }
        int length = bb.getInt();
        ByteBuffer data = bb.slice().limit(length).order(order);
        bb.position(bb.position() + length);
        float[] values;
        switch (dataType) {
            case "FLOAT32" -> {
                values = new float[length / 4];
                data.asFloatBuffer().get(values);
            }
            case "FLOAT64" -> {
                values = new float[length / 8];
                for (int k = 0; k < values.length; k++) {
                    values[k] = (float) data.getDouble(8 * k);
                }
            }
            default -> throw new IOException("parameter " + name + ": data type " + dataType
                    + " is not supported (FLOAT32, FLOAT64)");
        }
        return new NamedTensor(name, shape, values);
    }

    private static String readUtf(ByteBuffer bb) {
        int len = bb.getShort() & 0xffff;
        byte[] s = new byte[len];
        bb.get(s);
        // Modified UTF-8 equals UTF-8 for the ASCII names and type names DJL writes.
        return new String(s, StandardCharsets.UTF_8);
    }
}
