package org.plankton.core.domain;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.plankton.core.image.GrayImage;

/**
 * Images no plankton camera takes, generated in code for measuring and testing out-of-domain
 * scores: in turn pixel noise, smooth gradients and rendered text, at random sizes. A detector that
 * does not flag these is not worth running on real images.
 */
public final class FarOutImages {

    public enum Kind { NOISE, GRADIENT, TEXT }

    private static final String[] WORDS = {"plankton", "sample 42", "ABC", "0.88", "copepod?", "IFCB", "hello"};

    private FarOutImages() {
    }

    /** {@code n} images, cycling through the kinds; {@code seed} fixes them. */
    public static List<GrayImage> generate(int n, long seed) {
        Random rnd = new Random(seed);
        List<GrayImage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(draw(Kind.values()[i % Kind.values().length], rnd));
        }
        return out;
    }

    public static GrayImage draw(Kind kind, Random rnd) {
        int w = 32 + rnd.nextInt(129);
        int h = 32 + rnd.nextInt(129);
        byte[] px = new byte[w * h];
        switch (kind) {
            case NOISE -> {
                int base = rnd.nextInt(128);
                int span = 64 + rnd.nextInt(128);
                for (int i = 0; i < px.length; i++) {
                    px[i] = (byte) Math.min(255, base + rnd.nextInt(span));
                }
            }
            case GRADIENT -> {
                double cos = Math.cos(rnd.nextDouble() * 2 * Math.PI);
                double sin = Math.sqrt(1 - cos * cos) * (rnd.nextBoolean() ? 1 : -1);
                double min = Math.min(0, (w - 1) * cos) + Math.min(0, (h - 1) * sin);
                double max = Math.max(0, (w - 1) * cos) + Math.max(0, (h - 1) * sin);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double t = (x * cos + y * sin - min) / Math.max(1e-9, max - min);
                        px[y * w + x] = (byte) (int) Math.round(255 * t);
                    }
                }
            }
            case TEXT -> {
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
                Graphics2D g = img.createGraphics();
                g.setColor(new Color(200 + rnd.nextInt(56), 200 + rnd.nextInt(56), 200 + rnd.nextInt(56)));
                g.fillRect(0, 0, w, h);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10 + rnd.nextInt(20)));
                for (int line = 0; line < 1 + rnd.nextInt(4); line++) {
                    g.drawString(WORDS[rnd.nextInt(WORDS.length)], rnd.nextInt(Math.max(1, w / 3)), 15 + line * 25 + rnd.nextInt(10));
                }
                g.dispose();
                System.arraycopy(((DataBufferByte) img.getRaster().getDataBuffer()).getData(), 0, px, 0, px.length);
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        return new GrayImage(w, h, px);
    }
}
