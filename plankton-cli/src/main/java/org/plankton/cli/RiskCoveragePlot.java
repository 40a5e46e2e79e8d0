package org.plankton.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import javax.imageio.ImageIO;
import org.plankton.core.conformal.LabelledProbabilities;
import org.plankton.core.metrics.Argmax;

/**
 * The risk-coverage curve of the reject option as a PNG (Java2D, no plotting library): images kept
 * by decreasing top probability; x: share kept, y: error rate among them. Marks the global thresholds.
 */
final class RiskCoveragePlot {

    private static final int W = 640;
    private static final int H = 420;
    private static final int L = 60;
    private static final int B = 50;

    private RiskCoveragePlot() {
    }

    static void write(LabelledProbabilities d, Path file) throws IOException {
        int n = d.size();
        Integer[] idx = new Integer[n];
        double[] top = new double[n];
        boolean[] right = new boolean[n];
        for (int i = 0; i < n; i++) {
            float[] p = d.probabilities().get(i);
            int best = Argmax.of(p);
            idx[i] = i;
            top[i] = p[best];
            right[i] = best == d.labels()[i];
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -top[i]));
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double maxRisk = 0.25;
        g.setColor(Color.LIGHT_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int t = 0; t <= 5; t++) {
            int y = y(t * maxRisk / 5, maxRisk);
            g.drawLine(L, y, W - 20, y);
            g.drawString(String.format("%.2f", t * maxRisk / 5), 20, y + 4);
            int x = x(t / 5.0);
            g.drawLine(x, 20, x, H - B);
            g.drawString(String.format("%.1f", t / 5.0), x - 8, H - B + 16);
        }
        g.setColor(Color.BLACK);
        g.drawString("share of images kept (by top probability)", W / 2 - 110, H - 12);
        g.drawString("error rate of kept images", 4, 14);
        g.setStroke(new BasicStroke(2f));
        g.setColor(new Color(0x1f77b4));
        int errors = 0;
        int px = -1;
        int py = -1;
        double[] marks = {0.9, 0.7, 0.5, 0.3};
        int mark = 0;
        for (int k = 0; k < n; k++) {
            errors += right[idx[k]] ? 0 : 1;
            int x = x((k + 1.0) / n);
            int y = y((double) errors / (k + 1), maxRisk);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
            boolean lastAbove = k + 1 == n || top[idx[k + 1]] < marks[Math.min(mark, marks.length - 1)];
            if (mark < marks.length && top[idx[k]] >= marks[mark] && lastAbove) {
                g.setColor(Color.RED);
                g.fillOval(x - 4, y - 4, 8, 8);
                g.drawString("p >= " + marks[mark], x > W - 90 ? x - 80 : x + 8, y + 16); // below the rising curve, inside the frame
                g.setColor(new Color(0x1f77b4));
                mark++;
            }
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static int x(double share) {
        return L + (int) Math.round(share * (W - L - 20));
    }

    private static int y(double risk, double max) {
        return H - B - (int) Math.round(Math.min(risk, max) / max * (H - B - 20));
    }
}
