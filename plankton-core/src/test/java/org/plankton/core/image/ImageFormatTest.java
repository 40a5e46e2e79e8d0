package org.plankton.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plankton.core.testing.SyntheticPlankton;

class ImageFormatTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"png, PNG", "jpeg, JPEG", "gif, GIF", "bmp, BMP", "tiff, TIFF"})
    void everyFormatTheDecoderReadsIsRecognisedFromTheFileHeaderAlone(String writer, ImageFormat expected)
            throws IOException {
        Path file = SyntheticPlankton.writeImage(dir.resolve("no-extension"), writer, 7);
        byte[] head = ImageFormat.readHeader(file);
        assertThat(head).hasSizeLessThanOrEqualTo(ImageFormat.HEADER_BYTES);
        assertThat(ImageFormat.sniff(head)).contains(expected);
        assertThat(ImageFormat.sniff(Files.readAllBytes(file))).contains(expected);
    }

    @Test
    void bigTiffAndBothByteOrdersAreTiff() {
        assertThat(ImageFormat.sniff(new byte[] {'I', 'I', 43, 0, 8, 0, 0, 0})).contains(ImageFormat.TIFF);
        assertThat(ImageFormat.sniff(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8})).contains(ImageFormat.TIFF);
    }

    @Test
    void textAndShortLookalikesAreNotImages() {
        assertThat(ImageFormat.sniff("BMW 320i".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageFormat.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
        assertThat(ImageFormat.sniff(new byte[0])).isEqualTo(Optional.empty());
    }

    @Test
    void readHeaderOfAShortFileIsTheWholeFile() throws IOException {
        Path f = Files.write(dir.resolve("short"), new byte[] {1, 2, 3});
        assertThat(ImageFormat.readHeader(f)).containsExactly(1, 2, 3);
    }

    @Test
    void reasonsSayWhatTheContentIs() {
        assertThat(NotAnImage.reason(new byte[0])).isEqualTo("not an image: empty file (0 bytes)");
        assertThat(NotAnImage.reason("<svg   xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>"
                .getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("not an image (content is not JPEG, PNG, GIF, BMP or TIFF): text starting "
                        + "\"<svg xmlns=\"http://www.w3.org/2000/svg\"...\"");
        assertThat(NotAnImage.reason(new byte[] {'P', 'K', 3, 4, 0})).endsWith("binary data starting 50 4b 03 04 00");
        assertThat(NotAnImage.reason("  \n ".getBytes(StandardCharsets.UTF_8))).endsWith("blank text");
        // a UTF-8 character cut in two by the header limit is still text
        byte[] cut = java.util.Arrays.copyOf("copépode".getBytes(StandardCharsets.UTF_8), 4);
        assertThat(NotAnImage.reason(cut)).endsWith("text starting \"cop\"");
    }
}
