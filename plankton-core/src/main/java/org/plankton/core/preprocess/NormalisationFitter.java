package org.plankton.core.preprocess;

import java.util.Objects;
import org.plankton.core.image.GrayImage;

/**
 * Fits the global {@code mean} and {@code std} of {@link PreprocessConfig} on training images.
 *
 * <p>The statistics are those of the rendered, un-normalised canvases (background padding
 * included), because that is exactly what the normalisation is applied to. Images are added one at
 * a time so a training set never has to be held as canvases; per-image statistics are merged with
 * Chan's parallel formula, which stays accurate over hundreds of millions of values where a naive
 * sum of squares would lose precision.
 *
 * <p>Not thread-safe: use one fitter per thread, or feed it from one thread.
 */
public final class NormalisationFitter {

    private final PreprocessConfig base;
    private final Preprocessor preprocessor;
    private final float[] canvas;
    private long count;
    private int images;
    private double mean;
    private double m2;

    /** @param config the preprocessing whose mean/std are to be fitted; its own mean/std are ignored */
    public NormalisationFitter(PreprocessConfig config) {
        this.base = Objects.requireNonNull(config, "config");
        this.preprocessor = new Preprocessor(config.withNormalisation(0f, 1f));
        this.canvas = new float[preprocessor.outputLength()];
    }

    /** Fits mean and std over {@code images} and returns {@code config} with them. */
    public static PreprocessConfig fit(PreprocessConfig config, Iterable<GrayImage> images) {
        NormalisationFitter fitter = new NormalisationFitter(config);
        for (GrayImage img : images) {
            fitter.add(img);
        }
        return fitter.fitted();
    }

    /** Adds one image's rendered (un-augmented) canvas to the statistics. */
    public NormalisationFitter add(GrayImage img) {
        preprocessor.render(img, Affine.identity(), canvas, 0);
        int n = canvas.length;
        double sum = 0;
        for (float v : canvas) {
            sum += v;
        }
        double batchMean = sum / n;
        double batchM2 = 0;
        for (float v : canvas) {
            double dv = v - batchMean;
            batchM2 += dv * dv;
        }
        long total = count + n;
        double delta = batchMean - mean;
        mean += delta * n / total;
        m2 += batchM2 + delta * delta * ((double) count * n / total);
        count = total;
        images++;
        return this;
    }

    /** Number of images added so far. */
    public int images() {
        return images;
    }

    /** Mean of all canvas values so far. */
    public float mean() {
        requireData();
        return (float) mean;
    }

    /**
     * Population standard deviation of all canvas values so far; 1 when they are all equal (blank
     * images), since a zero std cannot normalise anything.
     */
    public float std() {
        requireData();
        float std = (float) Math.sqrt(m2 / count);
        return std > 0 && Float.isFinite(std) ? std : 1f;
    }

    /** The configuration given to the constructor with the fitted mean and std. */
    public PreprocessConfig fitted() {
        return base.withNormalisation(mean(), std());
    }

    private void requireData() {
        if (images == 0) {
            throw new IllegalStateException("no images added yet: cannot fit a mean and std on nothing");
        }
    }
}
