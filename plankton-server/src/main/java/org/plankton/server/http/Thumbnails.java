package org.plankton.server.http;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.plankton.core.image.GrayImage;

/**
 * Small gray PNGs for the gallery. Plankton images are small, so rendering on request is cheap;
 * browsers cache them because an image id's content never changes. Images smaller than the box
 * keep their size: size carries meaning, and blowing a 20 px organism up to 128 px would hide it.
 */
final class Thumbnails {

    static final int BOX = 128;

    private Thumbnails() {
    }

    static byte[] png(GrayImage g) throws IOException {
        BufferedImage src = new BufferedImage(g.width(), g.height(), BufferedImage.TYPE_BYTE_GRAY);
        src.getRaster().setDataElements(0, 0, g.width(), g.height(), g.pixels());
        double scale = Math.min(1.0, (double) BOX / Math.max(g.width(), g.height()));
        int w = Math.max(1, (int) Math.round(g.width() * scale));
        int h = Math.max(1, (int) Math.round(g.height() * scale));
        BufferedImage out = src;
        if (scale < 1.0) {
            out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D gr = out.createGraphics();
            gr.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            gr.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            gr.drawImage(src, 0, 0, w, h, null);
            gr.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        return bytes.toByteArray();
    }
}
