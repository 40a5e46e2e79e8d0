package org.plankton.core.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;

/**
 * Converts any decoded {@link BufferedImage} to 8-bit gray the same way, whatever its layout.
 *
 * <p>Why not {@code BufferedImage.getRGB} for everything: it is slow (a colour-model call per
 * pixel), and for 16-bit and other linear-gray colour spaces it applies a gamma conversion, so a
 * stored gray value of 50% would come out brighter. Instrument images store display values, so
 * raw samples are read and only rescaled to 8 bits. {@code getRGB} stays as the fallback for rare
 * layouts (CMYK, YCbCr, float samples, premultiplied alpha).
 *
 * <p>Colour becomes luma {@code 0.299 R + 0.587 G + 0.114 B}; samples with fewer or more than 8
 * bits are rescaled with rounding ({@code v * 255 / (2^bits - 1)}), not truncated; transparent
 * pixels are composited over white, because plankton images have a light background.
 */
final class GrayConverter {

    private GrayConverter() {
    }

    static GrayImage toGray(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[Math.multiplyExact(w, h)];
        WritableRaster raster = img.getRaster();
        ColorModel cm = img.getColorModel();
        boolean untranslated = raster.getMinX() == 0 && raster.getMinY() == 0
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0;
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            raster.getDataElements(0, 0, w, h, out);
        } else if (untranslated && isInterleavedByteRgb(raster, cm)) {
            interleavedByteRgb(raster, w, h, out);
        } else if (cm instanceof IndexColorModel icm) {
            indexed(raster, icm, w, h, out);
        } else if (isPlainComponents(raster, cm)) {
            components(raster, cm, w, h, out);
        } else {
            viaRgb(img, w, h, out);
        }
        return new GrayImage(w, h, out);
    }

    /** 8-bit RGB without alpha in one interleaved byte array: the layout of nearly every JPEG and PNG. */
    private static boolean isInterleavedByteRgb(WritableRaster raster, ColorModel cm) {
        SampleModel sm = raster.getSampleModel();
        return cm instanceof ComponentColorModel
                && !cm.hasAlpha()
                && cm.getColorSpace().getType() == ColorSpace.TYPE_RGB
                && sm instanceof PixelInterleavedSampleModel
                && sm.getNumBands() == 3
                && raster.getDataBuffer() instanceof DataBufferByte
                && raster.getDataBuffer().getNumBanks() == 1
                && sm.getSampleSize(0) == 8 && sm.getSampleSize(1) == 8 && sm.getSampleSize(2) == 8;
    }

    private static void interleavedByteRgb(WritableRaster raster, int w, int h, byte[] out) {
        ComponentSampleModel sm = (ComponentSampleModel) raster.getSampleModel();
        DataBufferByte db = (DataBufferByte) raster.getDataBuffer();
        byte[] data = db.getData();
        int[] bandOffsets = sm.getBandOffsets();
        int ro = bandOffsets[0];
        int go = bandOffsets[1];
        int bo = bandOffsets[2];
        int stride = sm.getPixelStride();
        int scan = sm.getScanlineStride();
        int base = db.getOffset();
        int k = 0;
        for (int y = 0; y < h; y++) {
            int p = base + y * scan;
            for (int x = 0; x < w; x++, p += stride) {
                out[k++] = (byte) round(luma(data[p + ro] & 0xFF, data[p + go] & 0xFF, data[p + bo] & 0xFF));
            }
        }
    }

    private static void indexed(WritableRaster raster, IndexColorModel icm, int w, int h, byte[] out) {
        int bits = Math.min(16, raster.getSampleModel().getSampleSize(0));
        // Indices beyond the palette (damaged files) read as black rather than failing.
        byte[] lut = new byte[Math.max(icm.getMapSize(), 1 << bits)];
        for (int i = 0; i < icm.getMapSize(); i++) {
            double a = icm.getAlpha(i) / 255.0;
            lut[i] = (byte) round(overWhite(luma(icm.getRed(i), icm.getGreen(i), icm.getBlue(i)), a));
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            int k = y * w;
            for (int x = 0; x < w; x++) {
                int idx = row[x];
                out[k + x] = idx >= 0 && idx < lut.length ? lut[idx] : 0;
            }
        }
    }

    /** Gray or RGB, optional straight alpha, integer samples of up to 16 bits (8- and 16-bit PNG/TIFF). */
    private static boolean isPlainComponents(WritableRaster raster, ColorModel cm) {
        if (!(cm instanceof ComponentColorModel || cm instanceof DirectColorModel) || cm.isAlphaPremultiplied()) {
            return false;
        }
        int csType = cm.getColorSpace().getType();
        int colours = cm.getNumColorComponents();
        if (!((csType == ColorSpace.TYPE_GRAY && colours == 1) || (csType == ColorSpace.TYPE_RGB && colours == 3))) {
            return false;
        }
        int tt = raster.getTransferType();
        if (tt != DataBuffer.TYPE_BYTE && tt != DataBuffer.TYPE_USHORT && tt != DataBuffer.TYPE_INT) {
            return false;
        }
        SampleModel sm = raster.getSampleModel();
        if (sm.getNumBands() != cm.getNumComponents()) {
            return false;
        }
        for (int b = 0; b < sm.getNumBands(); b++) {
            int bits = sm.getSampleSize(b);
            if (bits < 1 || bits > 16) {
                return false;
            }
        }
        return true;
    }

    private static void components(WritableRaster raster, ColorModel cm, int w, int h, byte[] out) {
        SampleModel sm = raster.getSampleModel();
        int bands = sm.getNumBands();
        double[] toByte = new double[bands];
        for (int b = 0; b < bands; b++) {
            toByte[b] = 255.0 / ((1 << sm.getSampleSize(b)) - 1);
        }
        boolean gray = cm.getNumColorComponents() == 1;
        int alphaBand = cm.hasAlpha() ? bands - 1 : -1;
        double alphaScale = alphaBand >= 0 ? 1.0 / ((1 << sm.getSampleSize(alphaBand)) - 1) : 0;
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            int k = y * w;
            for (int x = 0, p = 0; x < w; x++, p += bands) {
                double v = gray
                        ? row[p] * toByte[0]
                        : luma(row[p] * toByte[0], row[p + 1] * toByte[1], row[p + 2] * toByte[2]);
                if (alphaBand >= 0) {
                    v = overWhite(v, row[p + alphaBand] * alphaScale);
                }
                out[k + x] = (byte) round(v);
            }
        }
    }

    private static void viaRgb(BufferedImage img, int w, int h, byte[] out) {
        int[] argb = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, argb, 0, w);
            int k = y * w;
            for (int x = 0; x < w; x++) {
                int c = argb[x];
                double v = luma((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF);
                out[k + x] = (byte) round(overWhite(v, (c >>> 24) / 255.0));
            }
        }
    }

    static double luma(double r, double g, double b) {
        return 0.299 * r + 0.587 * g + 0.114 * b;
    }

    private static double overWhite(double v, double alpha) {
        return v * alpha + 255.0 * (1.0 - alpha);
    }

    private static int round(double v) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= 255 ? 255 : (int) (v + 0.5);
    }
}
