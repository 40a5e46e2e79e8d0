package org.plankton.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderBadInputTest {

    private final ImageDecoder decoder = new ImageDecoder();

    @TempDir
    Path dir;

    private ImageDecodeException failure(Path file) {
        ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class, () -> decoder.decode(file));
        assertThat(e).as("decoding %s should fail", file).isNotNull();
        assertThat(e.source()).isEqualTo(file.toString());
        assertThat(e.getMessage()).isEqualTo(file + ": " + e.reason());
        return e;
    }

    @Test
    void truncatedJpegIsAnError() throws Exception {
        byte[] full = TestImages.encode(TestImages.rgbNoise(160, 120, 7), "jpg");
        assertThat(decoder.decode(full, "full.jpg").width()).isEqualTo(160);
        Path file = dir.resolve("half.jpg");
        Files.write(file, Arrays.copyOf(full, full.length / 2));
        assertThat(failure(file).reason()).startsWith("truncated or corrupt image data: ");
    }

    @Test
    void truncatedGrayJpegIsAnError() throws Exception {
        byte[] full = TestImages.encode(TestImages.grayPattern(200, 150), "jpg");
        Path file = dir.resolve("half-gray.jpg");
        Files.write(file, Arrays.copyOf(full, full.length / 2));
        assertThat(failure(file).reason()).startsWith("truncated or corrupt image data: ");
    }

    @Test
    void truncatedPngIsAnError() throws Exception {
        byte[] full = TestImages.encode(TestImages.rgbNoise(100, 100, 3), "png");
        Path file = dir.resolve("half.png");
        Files.write(file, Arrays.copyOf(full, full.length / 2));
        assertThat(failure(file).reason()).startsWith("truncated or corrupt image data: ");
    }

    @Test
    void headerOnlyJpegIsAnError() throws Exception {
        byte[] full = TestImages.encode(TestImages.grayPattern(50, 50), "jpg");
        Path file = dir.resolve("head.jpg");
        Files.write(file, Arrays.copyOf(full, 40));
        assertThat(failure(file).reason()).startsWith("truncated or corrupt image data: ");
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.png"));
        assertThat(failure(file).reason()).isEqualTo("empty file (0 bytes)");
    }

    @Test
    void emptyBytes() {
        ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class,
                () -> decoder.decode(new byte[0], "upload"));
        assertThat(e.getMessage()).isEqualTo("upload: empty file (0 bytes)");
    }

    @Test
    void textFileNamedJpg() throws Exception {
        Path file = dir.resolve("x.jpg");
        Files.writeString(file, "this is not an image, just some text\n", StandardCharsets.UTF_8);
        assertThat(failure(file).reason()).isEqualTo("not a recognised image format");
    }

    @Test
    void junkAfterPngSignatureIsCorrupt() throws Exception {
        byte[] junk = new byte[300];
        new java.util.Random(1).nextBytes(junk);
        byte[] sig = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        System.arraycopy(sig, 0, junk, 0, sig.length);
        Path file = dir.resolve("junk.png");
        Files.write(file, junk);
        assertThat(failure(file).reason()).startsWith("truncated or corrupt image data: ");
    }

    @Test
    void decompressionBombIsRefusedFromTheHeader() throws Exception {
        Path file = dir.resolve("bomb.png");
        Files.write(file, TestImages.pngClaiming(20000, 20000));
        long t0 = System.nanoTime();
        ImageDecodeException e = failure(file);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(e.reason()).isEqualTo(
                "image too large: 20000x20000 = 400000000 pixels exceeds limit of 50000000");
        assertThat(e.getMessage()).contains("bomb.png").contains("20000x20000");
        assertThat(ms).as("refusal time in ms").isLessThan(2000);
    }

    @Test
    void customPixelLimit() throws Exception {
        ImageDecoder small = new ImageDecoder(100);
        assertThat(small.maxPixels()).isEqualTo(100);
        byte[] png = TestImages.encode(TestImages.grayPattern(20, 10), "png");
        ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class, () -> small.decode(png, "p.png"));
        assertThat(e.reason()).isEqualTo("image too large: 20x10 = 200 pixels exceeds limit of 100");
        assertThat(small.decode(TestImages.encode(TestImages.grayPattern(10, 10), "png"), "ok.png").width())
                .isEqualTo(10);
        assertThatIllegalArgumentException().isThrownBy(() -> new ImageDecoder(0)).withMessageContaining("0");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("нет_такого.png");
        assertThat(failure(file).reason()).isEqualTo("file not found");
    }

    @Test
    void directoryIsNotAnImage() {
        assertThat(failure(dir).reason()).startsWith("cannot read file: ");
    }
}
