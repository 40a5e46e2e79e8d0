package org.plankton.core.testing;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Generates labelled "plankton" for tests: dark shapes on a light background, each class a shape
 * (disc, square, bar, cross, ring), at random size, rotation and position, with pixel noise. A
 * network has to learn shape, not a constant, to tell them apart.
 */
public final class SyntheticPlankton {

    public static final List<String> CLASSES = List.of("bar", "cross", "disc", "ring", "square");

    private SyntheticPlankton() {
    }

    /** One image of class {@code shape}; sizes vary from 24 to 80 px a side. */
    public static BufferedImage draw(String shape, Random rnd) {
        int w = 24 + rnd.nextInt(57);
        int h = 24 + rnd.nextInt(57);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(235 + rnd.nextInt(20), 235 + rnd.nextInt(20), 235 + rnd.nextInt(20)));
        g.fillRect(0, 0, w, h);
        double s = Math.min(w, h) * (0.55 + 0.3 * rnd.nextDouble());
        AffineTransform t = new AffineTransform();
        t.translate(w / 2.0 + (rnd.nextDouble() - 0.5) * 4, h / 2.0 + (rnd.nextDouble() - 0.5) * 4);
        t.rotate(rnd.nextDouble() * Math.PI * 2);
        g.transform(t);
        int gray = 20 + rnd.nextInt(60);
        g.setColor(new Color(gray, gray, gray));
        switch (shape) {
            case "disc" -> g.fill(new Ellipse2D.Double(-s / 2, -s / 2, s, s));
            case "ring" -> {
                g.setStroke(new BasicStroke((float) (s / 8)));
                g.draw(new Ellipse2D.Double(-s / 2.4, -s / 2.4, s / 1.2, s / 1.2));
            }
            case "square" -> g.fill(new Rectangle2D.Double(-s / 2.6, -s / 2.6, s / 1.3, s / 1.3));
            case "bar" -> g.fill(new Rectangle2D.Double(-s / 2, -s / 10, s, s / 5));
            case "cross" -> {
                g.fill(new Rectangle2D.Double(-s / 2, -s / 12, s, s / 6));
                g.fill(new Rectangle2D.Double(-s / 12, -s / 2, s / 6, s));
            }
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        }
        g.dispose();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (img.getRaster().getSample(x, y, 0) + (int) Math.round(rnd.nextGaussian() * 6));
                img.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
            }
        }
        return img;
    }

    /**
     * Writes {@code perClass} images of each of the first {@code classes} shapes into
     * {@code root/<shape>/<shape>_<i>.png} (the NDSB folder-per-class layout).
     */
    public static Path writeDataset(Path root, int classes, int perClass, long seed) throws IOException {
        Random rnd = new Random(seed);
        for (String shape : CLASSES.subList(0, classes)) {
            Path dir = Files.createDirectories(root.resolve(shape));
            for (int i = 0; i < perClass; i++) {
                ImageIO.write(draw(shape, rnd), "png", dir.resolve(String.format("%s_%03d.png", shape, i)).toFile());
            }
        }
        return root;
    }

    /**
     * Writes one image (a disc) encoded as {@code format} ("png", "jpeg", "gif", "bmp", "tiff") to
     * {@code file}, whatever the file's name says: for tests of recognition by content.
     */
    public static Path writeImage(Path file, String format, long seed) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        BufferedImage img = draw("disc", new Random(seed));
        if (format.equals("bmp")) {
            // the JDK's BMP writer takes RGB, not 8-bit gray without a palette
            BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(img, 0, 0, null);
            img = rgb;
        }
        if (!ImageIO.write(img, format, file.toFile())) {
            throw new IllegalArgumentException("no ImageIO writer for format '" + format + "'");
        }
        return file;
    }
}
