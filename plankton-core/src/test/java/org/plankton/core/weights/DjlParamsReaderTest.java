package org.plankton.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DjlParamsReaderTest {

    /** The default model, a real file written by DJL 0.36 (the repository's models/ folder). */
    static final Path V4 = Path.of("..", "models", "ndsb-v4", "weights.params");

    @Test
    void readsTheV4BundleInDjlOrderWithItsShapes() throws IOException {
        assumeTrue(Files.exists(V4), "models/ndsb-v4 is not in this checkout");
        List<NamedTensor> p = DjlParamsReader.read(V4);
        // 6 conv+BN layers (weight, gamma, beta, runningMean, runningVar), 2 dense layers,
        // size branch: BN (4) + 3 dense layers.
        assertThat(p).hasSize(6 * 5 + 2 * 2 + 4 + 3 * 2);
        assertThat(p.get(0).name()).isEqualTo("weight");
        assertThat(p.get(0).shape()).containsExactly(32, 1, 3, 3);
        assertThat(p.get(1).name()).isEqualTo("gamma");
        assertThat(p.get(3).name()).isEqualTo("runningMean");
        assertThat(p.get(4).name()).isEqualTo("runningVar");
        assertThat(p.get(25).shape()).containsExactly(256, 128, 3, 3);
        assertThat(p.get(30).shape()).containsExactly(512, 2304);
        assertThat(p.get(32).shape()).containsExactly(121, 512);
        assertThat(p.get(33).shape()).containsExactly(121);
        assertThat(p.get(34).name()).isEqualTo("gamma");
        assertThat(p.get(34).shape()).containsExactly(11);
        assertThat(p.get(43).shape()).containsExactly(121);
        long floats = p.stream().mapToLong(NamedTensor::size).sum();
        // Parameter data is nearly all of the file: the rest is block metadata and record headers.
        assertThat(floats * 4).isBetween(Files.size(V4) - 20_000, Files.size(V4));
        // Running variances of a trained network are positive.
        for (float v : p.get(4).values()) {
            assertThat(v).isPositive();
        }
    }

    @Test
    void readsARecordWrittenTheWayDjlWritesIt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(3); // SequentialBlock version
        out.writeInt(1); // one input shape: (2, 3) with no layout
        out.writeInt(2);
        out.writeLong(2);
        out.writeLong(3);
        out.writeInt(0);
        out.writeBoolean(false);
        out.write(4); // a Linear child: version, units, input features, input shape
        out.writeLong(2);
        out.writeLong(3);
        out.writeInt(1);
        out.writeLong(3);
        out.writeInt(0);
        parameter(out, "weight", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, -6.5f});
        parameter(out, "bias", new long[] {2}, new float[] {0.25f, -1});
        List<NamedTensor> p = DjlParamsReader.read(bytes.toByteArray());
        assertThat(p).containsExactly(new NamedTensor("weight", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, -6.5f}),
                new NamedTensor("bias", new long[] {2}, new float[] {0.25f, -1}));
    }

    @Test
    void rejectsWhatIsNotAParameterFile() {
        assertThatThrownBy(() -> DjlParamsReader.read("{\"not\": \"params\"}".getBytes()))
                .isInstanceOf(IOException.class).hasMessageContaining("not a DJL parameter file");
        assertThatThrownBy(() -> DjlParamsReader.read(new byte[] {3, 0, 0, 0, 0, 0, 0, 0, 0}))
                .isInstanceOf(IOException.class).hasMessageContaining("no parameters");
    }

    /** As DJL's Parameter.save and NDSerializer.encode (version 3, little-endian data). */
    static void parameter(DataOutputStream out, String name, long[] shape, float[] values) throws IOException {
        out.writeChar('P');
        out.writeByte(1);
        out.writeUTF(name);
        out.writeUTF("NDAR");
        out.writeInt(3);
        out.write(0); // no array name
        out.writeUTF("DENSE");
        out.writeUTF("FLOAT32");
        out.writeInt(shape.length);
        for (long d : shape) {
            out.writeLong(d);
        }
        out.writeInt(0);
        out.write('<');
        out.writeInt(values.length * 4);
        for (float v : values) {
            out.writeInt(Integer.reverseBytes(Float.floatToRawIntBits(v)));
        }
    }
}
