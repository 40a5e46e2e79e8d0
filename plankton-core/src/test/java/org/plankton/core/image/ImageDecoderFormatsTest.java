package org.plankton.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderFormatsTest {

    private final ImageDecoder decoder = new ImageDecoder();

    @TempDir
    Path dir;

    @Test
    void pngGray8IsExact() throws Exception {
        BufferedImage img = TestImages.grayPattern(37, 23);
        GrayImage g = decoder.decode(TestImages.write(img, "png", dir.resolve("g8.png")));
        assertThat(g.width()).isEqualTo(37);
        assertThat(g.height()).isEqualTo(23);
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                assertThat(g.get(x, y)).as("pixel %d,%d", x, y).isEqualTo(img.getRaster().getSample(x, y, 0));
            }
        }
    }

    @Test
    void pngGray16IsScaledWithRoundingNotTruncated() throws Exception {
        BufferedImage img = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        int[] values = {0, 1000, 32896, 65535};
        for (int x = 0; x < 4; x++) {
            img.getRaster().setSample(x, 0, 0, values[x]);
        }
        GrayImage g = decoder.decode(TestImages.write(img, "png", dir.resolve("g16.png")));
        // 1000 * 255 / 65535 = 3.89 -> 4 (the high byte alone would give 3)
        assertThat(new int[] {g.get(0, 0), g.get(1, 0), g.get(2, 0), g.get(3, 0)}).containsExactly(0, 4, 128, 255);
    }

    @Test
    void pngRgb16UsesLumaOfScaledSamples() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster r = cm.createCompatibleWritableRaster(2, 1);
        r.setPixel(0, 0, new int[] {65535, 0, 0});
        r.setPixel(1, 0, new int[] {1000, 1000, 1000});
        BufferedImage img = new BufferedImage(cm, r, false, null);
        GrayImage g = decoder.decode(TestImages.write(img, "png", dir.resolve("rgb16.png")));
        assertThat(g.get(0, 0)).isEqualTo(76); // 0.299 * 255 = 76.2
        assertThat(g.get(1, 0)).isEqualTo(4);
    }

    @Test
    void rgbaTransparentPixelsBecomeWhite() throws Exception {
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x00000000); // fully transparent black
        img.setRGB(1, 0, 0xFF000000); // opaque black
        img.setRGB(2, 0, 0x80000000); // half-transparent black
        GrayImage g = decoder.decode(TestImages.write(img, "png", dir.resolve("rgba.png")));
        assertThat(g.get(0, 0)).isEqualTo(255);
        assertThat(g.get(1, 0)).isEqualTo(0);
        assertThat(g.get(2, 0)).isEqualTo(127); // 255 * (1 - 128/255)
    }

    @Test
    void palettePngUsesLumaOfPaletteColours() throws Exception {
        BufferedImage img = paletteImage();
        GrayImage g = decoder.decode(TestImages.write(img, "png", dir.resolve("pal.png")));
        assertPaletteDecoded(g);
    }

    @Test
    void gifFirstFrame() throws Exception {
        BufferedImage img = paletteImage();
        GrayImage g = decoder.decode(TestImages.write(img, "gif", dir.resolve("pal.gif")));
        assertPaletteDecoded(g);
    }

    @Test
    void gifTransparentIndexBecomesWhite() throws Exception {
        byte[] zero = new byte[4];
        IndexColorModel icm = new IndexColorModel(8, 4, zero, zero, zero, 0); // index 0 transparent
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED, icm);
        img.getRaster().setSample(3, 3, 0, 1);
        GrayImage g = decoder.decode(TestImages.write(img, "gif", dir.resolve("transparent.gif")));
        assertThat(g.get(0, 0)).isEqualTo(255);
        assertThat(g.get(3, 3)).isEqualTo(0);
    }

    @Test
    void multiPageTiffGivesFirstPage() throws Exception {
        Path file = dir.resolve("pages.tif");
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("tiff").next();
        try (javax.imageio.stream.ImageOutputStream out = javax.imageio.ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new javax.imageio.IIOImage(TestImages.grayPattern(10, 12), null, null), null);
            writer.writeToSequence(new javax.imageio.IIOImage(TestImages.grayPattern(30, 5), null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        GrayImage g = decoder.decode(file);
        assertThat(g.width()).isEqualTo(10);
        assertThat(g.height()).isEqualTo(12);
        assertThat(g).isEqualTo(decoder.decode(TestImages.encode(TestImages.grayPattern(10, 12), "png"), "p"));
    }

    @Test
    void bmpRgbIsExact() throws Exception {
        BufferedImage img = new BufferedImage(5, 3, BufferedImage.TYPE_3BYTE_BGR);
        img.setRGB(0, 0, 0xFFFFFF);
        img.setRGB(1, 0, 0x00FF00);
        img.setRGB(2, 0, 0x0000FF);
        img.setRGB(3, 0, 0x808080);
        GrayImage g = decoder.decode(TestImages.write(img, "bmp", dir.resolve("rgb.bmp")));
        assertThat(g.width()).isEqualTo(5);
        assertThat(g.height()).isEqualTo(3);
        assertThat(g.get(0, 0)).isEqualTo(255);
        assertThat(g.get(1, 0)).isEqualTo(150); // 0.587 * 255 = 149.7
        assertThat(g.get(2, 0)).isEqualTo(29); // 0.114 * 255 = 29.07
        assertThat(g.get(3, 0)).isEqualTo(128);
        assertThat(g.get(4, 2)).isEqualTo(0);
    }

    @Test
    void tiffGray8IsExact() throws Exception {
        BufferedImage img = TestImages.grayPattern(19, 11);
        GrayImage g = decoder.decode(TestImages.write(img, "tiff", dir.resolve("g8.tif")));
        for (int y = 0; y < 11; y++) {
            for (int x = 0; x < 19; x++) {
                assertThat(g.get(x, y)).isEqualTo(img.getRaster().getSample(x, y, 0));
            }
        }
    }

    @Test
    void tiffGray16IsScaled() throws Exception {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSample(0, 0, 0, 1000);
        img.getRaster().setSample(1, 0, 0, 65535);
        img.getRaster().setSample(2, 0, 0, 32896);
        GrayImage g = decoder.decode(TestImages.write(img, "tiff", dir.resolve("g16.tiff")));
        assertThat(g.get(0, 0)).isEqualTo(4);
        assertThat(g.get(1, 0)).isEqualTo(255);
        assertThat(g.get(2, 0)).isEqualTo(128);
        assertThat(g.get(0, 1)).isEqualTo(0);
    }

    @Test
    void jpegGrayIsClose() throws Exception {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D gr = img.createGraphics();
        gr.setColor(Color.WHITE);
        gr.fillRect(0, 0, 64, 48);
        gr.setColor(new Color(40, 40, 40));
        gr.fillRect(8, 8, 24, 24);
        gr.dispose();
        GrayImage g = decoder.decode(TestImages.write(img, "jpg", dir.resolve("g.jpg")));
        assertThat(g.width()).isEqualTo(64);
        assertThat(g.height()).isEqualTo(48);
        assertThat(g.get(16, 16)).isBetween(37, 43);
        assertThat(g.get(50, 40)).isBetween(252, 255);
    }

    @Test
    void jpegRgbIsCloseToLuma() throws Exception {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = img.createGraphics();
        gr.setColor(new Color(200, 50, 50));
        gr.fillRect(0, 0, 64, 64);
        gr.dispose();
        GrayImage g = decoder.decode(TestImages.write(img, "jpg", dir.resolve("c.jpeg")));
        assertThat(g.get(30, 30)).isBetween(92, 98); // 0.299*200 + 0.587*50 + 0.114*50 = 94.85
    }

    @Test
    void fourChannelCmykJpegIsConverted() throws Exception {
        // left half no ink (white), right half full black ink
        WritableRaster cmyk = java.awt.image.Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 32, 16, 4, null);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                cmyk.setPixel(x, y, new int[] {0, 0, 0, x < 16 ? 0 : 255});
            }
        }
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream out = javax.imageio.ImageIO.createImageOutputStream(bos)) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(cmyk, null, null), null);
        } finally {
            writer.dispose();
        }
        GrayImage g = decoder.decode(bos.toByteArray(), "cmyk.jpg");
        assertThat(g.width()).isEqualTo(32);
        assertThat(g.get(4, 8)).isGreaterThanOrEqualTo(240);
        assertThat(g.get(28, 8)).isLessThan(128);
    }

    @Test
    void bytesDecodeLikeFiles() throws Exception {
        BufferedImage img = TestImages.grayPattern(20, 10);
        Path file = TestImages.write(img, "png", dir.resolve("same.png"));
        assertThat(decoder.decode(TestImages.encode(img, "png"), "same.png")).isEqualTo(decoder.decode(file));
    }

    @Test
    void largeFilesAreStreamedFromDiskWithTheSameResult() throws Exception {
        ImageDecoder streaming = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, 10);
        BufferedImage img = TestImages.grayPattern(33, 21);
        Path png = TestImages.write(img, "png", dir.resolve("streamed.png"));
        Path tif = TestImages.write(img, "tiff", dir.resolve("streamed.tif"));
        assertThat(streaming.decode(png)).isEqualTo(decoder.decode(png));
        assertThat(streaming.decode(tif)).isEqualTo(decoder.decode(png));
        Path bomb = dir.resolve("streamed-bomb.png");
        TestImages.writeFile(bomb, TestImages.pngClaiming(20000, 20000));
        ImageDecodeException e = org.assertj.core.api.Assertions.catchThrowableOfType(ImageDecodeException.class,
                () -> streaming.decode(bomb));
        assertThat(e.reason()).startsWith("image too large: 20000x20000");
    }

    @Test
    void nonAsciiFileNameDecodes() throws Exception {
        Path file;
        try {
            file = dir.resolve("копепод_β.png");
        } catch (java.nio.file.InvalidPathException e) {
            org.junit.jupiter.api.Assumptions.abort("file system encoding cannot name non-ASCII files: " + e);
            return;
        }
        TestImages.write(TestImages.grayPattern(8, 8), "png", file);
        assertThat(decoder.decode(file).width()).isEqualTo(8);
    }

    private static BufferedImage paletteImage() {
        byte[] r = {0, (byte) 255, (byte) 255, 0};
        byte[] g = {0, (byte) 255, 0, 0};
        byte[] b = {0, (byte) 255, 0, (byte) 255};
        IndexColorModel icm = new IndexColorModel(2, 4, r, g, b);
        // 8 rows, not 2: the JDK GIF reader misplaces rows of interlaced GIFs under 5 rows high
        BufferedImage img = new BufferedImage(4, 8, BufferedImage.TYPE_BYTE_INDEXED, icm);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 4; x++) {
                img.getRaster().setSample(x, y, 0, y % 2 == 0 ? x : 3 - x);
            }
        }
        return img;
    }

    private static void assertPaletteDecoded(GrayImage g) {
        assertThat(g.width()).isEqualTo(4);
        assertThat(g.height()).isEqualTo(8);
        // black, white, red (0.299*255 = 76.2), blue (0.114*255 = 29.07)
        assertThat(new int[] {g.get(0, 0), g.get(1, 0), g.get(2, 0), g.get(3, 0)}).containsExactly(0, 255, 76, 29);
        assertThat(new int[] {g.get(0, 1), g.get(1, 1), g.get(2, 1), g.get(3, 1)}).containsExactly(29, 76, 255, 0);
        assertThat(new int[] {g.get(0, 7), g.get(1, 7), g.get(2, 7), g.get(3, 7)}).containsExactly(29, 76, 255, 0);
    }
}
