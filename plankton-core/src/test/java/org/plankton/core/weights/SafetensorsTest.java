package org.plankton.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @Test
    void roundTripKeepsOrderValuesAndMetadata(@TempDir Path dir) throws IOException {
        Random r = new Random(3);
        float[] w = new float[4 * 3 * 3 * 3];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        List<NamedTensor> tensors = List.of(
                new NamedTensor("z.weight", new long[] {4, 3, 3, 3}, w),
                new NamedTensor("a.bias", new long[] {4}, new float[] {0, -0f, Float.MIN_VALUE, Float.MAX_VALUE}),
                new NamedTensor("step", new long[] {}, new float[] {7}));
        Path file = dir.resolve("w.safetensors");
        Safetensors.write(file, tensors, Map.of("format", "pt", "engine", "test"));
        Safetensors.Contents back = Safetensors.read(file);
        assertThat(back.tensors()).containsExactlyElementsOf(tensors);
        assertThat(back.metadata()).containsEntry("format", "pt").containsEntry("engine", "test");
        assertThat(back.get("step").values()).containsExactly(7f);
    }

    @Test
    void writesTheStandardLayout() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Safetensors.write(out, List.of(new NamedTensor("x", new long[] {2}, new float[] {1f, 2f})), Map.of());
        ByteBuffer bb = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        long n = bb.getLong();
        assertThat(n % 8).isZero();
        String header = new String(out.toByteArray(), 8, (int) n, StandardCharsets.UTF_8).trim();
        assertThat(header).isEqualTo("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}");
        bb.position(8 + (int) n);
        assertThat(bb.getFloat()).isEqualTo(1f);
        assertThat(bb.getFloat()).isEqualTo(2f);
        assertThat(bb.hasRemaining()).isFalse();
    }

    @Test
    void readsHalfPrecisionFilesWrittenElsewhere() throws IOException {
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[6,8]}}";
        ByteBuffer bb = ByteBuffer.allocate(8 + header.length() + 8).order(ByteOrder.LITTLE_ENDIAN);
        bb.putLong(header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        bb.putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x0001); // 1, -2, smallest subnormal
        bb.putShort((short) (Float.floatToIntBits(1.5f) >>> 16));
        Safetensors.Contents c = Safetensors.read(bb.array());
        assertThat(c.get("h").values()).containsExactly(1f, -2f, 0x1p-24f);
        assertThat(c.get("b").values()).containsExactly(1.5f);
        assertThat(c.tensors()).extracting(NamedTensor::name).containsExactly("h", "b");
    }

    @Test
    void writesFloat16RoundingEachValueAndRefusesValuesBeyondItsRange(@TempDir Path dir) throws IOException {
        Random r = new Random(5);
        float[] w = new float[1000];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(9) - 6));
        }
        List<NamedTensor> tensors = List.of(new NamedTensor("conv.weight", new long[] {10, 100}, w),
                new NamedTensor("bn.runningVar", new long[] {3}, new float[] {1e-9f, 65504f, -0f}));
        Path f32 = dir.resolve("a.safetensors");
        Path f16 = dir.resolve("b.safetensors");
        Safetensors.write(f32, tensors, Map.of("k", "v"));
        Safetensors.write(f16, tensors, Map.of("k", "v"), Safetensors.Dtype.F16);
        assertThat(Safetensors.dtypes(f16)).containsExactly(Map.entry("conv.weight", "F16"), Map.entry("bn.runningVar", "F16"));
        assertThat(Safetensors.dtypes(f32).values()).containsOnly("F32");
        assertThat(java.nio.file.Files.size(f16)).isLessThan(java.nio.file.Files.size(f32) / 2 + 200);
        Safetensors.Contents back = Safetensors.read(f16);
        assertThat(back.metadata()).containsEntry("k", "v");
        float[] got = back.get("conv.weight").values();
        for (int i = 0; i < w.length; i++) {
            assertThat(got[i]).isEqualTo(Half.round(w[i]));
            if (Math.abs(w[i]) > 1e-4) { // normal halves: 11 significant bits
                assertThat((double) Math.abs(got[i] - w[i])).isLessThanOrEqualTo(Math.abs(w[i]) / 2048.0);
            }
        }
        assertThat(back.get("bn.runningVar").values()).containsExactly(0f, 65504f, -0f);
        assertThat(Half.exact(back.tensors())).isTrue();
        assertThat(Half.exact(Safetensors.read(f32).tensors())).isFalse();

        List<NamedTensor> huge = List.of(new NamedTensor("fc.weight", new long[] {2}, new float[] {1, 70000}));
        assertThatThrownBy(() -> Safetensors.write(dir.resolve("c.safetensors"), huge, Map.of(), Safetensors.Dtype.F16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fc.weight").hasMessageContaining("70000");
        assertThat(dir.resolve("c.safetensors")).doesNotExist();
    }

    @Test
    void halfRoundsToNearestEven() {
        assertThat(Half.fromFloat(1f)).isEqualTo((short) 0x3c00);
        assertThat(Half.fromFloat(65504f)).isEqualTo((short) 0x7bff);
        assertThat(Half.fromFloat(-2f)).isEqualTo((short) 0xc000);
        assertThat(Half.fromFloat(0x1p-24f)).isEqualTo((short) 0x0001); // smallest subnormal
        assertThat(Half.fromFloat(0x1p-26f)).isEqualTo((short) 0);
        assertThat(Half.toFloat(Half.fromFloat(1e6f))).isInfinite();
        // 1 + 2^-11 lies half-way between 1 and the next half, 1 + 2^-10: ties go to the even one, 1
        assertThat(Half.round(1f + 0x1p-11f)).isEqualTo(1f);
        assertThat(Half.round(1f + 3 * 0x1p-11f)).isEqualTo(1f + 0x1p-9f);
        assertThat(Half.round(0.1f)).isEqualTo(0.0999755859375f);
        for (int h = 0; h < 0x7c00; h++) { // every finite positive half converts back to itself
            assertThat(Half.fromFloat(Half.toFloat((short) h))).isEqualTo((short) h);
        }
    }

    @Test
    void rejectsDamagedFilesAndDuplicateNames() {
        assertThatThrownBy(() -> Safetensors.read(new byte[] {1, 2, 3}))
                .isInstanceOf(IOException.class).hasMessageContaining("not a safetensors file");
        byte[] lying = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array();
        assertThatThrownBy(() -> Safetensors.read(lying)).isInstanceOf(IOException.class)
                .hasMessageContaining("header length 1000");
        NamedTensor t = new NamedTensor("x", new long[] {1}, new float[] {1});
        assertThatThrownBy(() -> Safetensors.write(new ByteArrayOutputStream(), List.of(t, t), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unique");
    }

    @Test
    void namedTensorChecksItsShape() {
        assertThatThrownBy(() -> new NamedTensor("w", new long[] {2, 2}, new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 4 values, got 3");
    }
}
