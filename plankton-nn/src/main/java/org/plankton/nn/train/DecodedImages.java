package org.plankton.nn.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.plankton.core.data.Sample;
import org.plankton.core.data.SkippedFile;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecodeException;
import org.plankton.core.image.ImageDecoder;
import org.plankton.core.progress.ProgressBar;

/**
 * Labelled images decoded once into memory (8-bit gray at original size), so every epoch only
 * warps pixels and never decodes JPEG again (NDSB images are small: median about 55 px a side).
 * Files that fail to decode are kept in {@link #failures()} with the reason.
 */
public record DecodedImages(List<Sample> samples, List<GrayImage> images, int[] labels, List<SkippedFile> failures) {

    public static DecodedImages decode(List<Sample> samples, String label, int threads, PrintStream out)
            throws InterruptedException {
        ImageDecoder decoder = new ImageDecoder();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (ProgressBar bar = new ProgressBar(label, samples.size(), out)) {
            int chunk = 256;
            List<Future<List<Object>>> futures = new ArrayList<>();
            for (int start = 0; start < samples.size(); start += chunk) {
                List<Sample> part = samples.subList(start, Math.min(samples.size(), start + chunk));
                futures.add(pool.submit(() -> {
                    List<Object> results = new ArrayList<>(part.size());
                    for (Sample s : part) {
                        try {
                            results.add(decoder.decode(s.path()));
                        } catch (ImageDecodeException e) {
                            results.add(new SkippedFile(s.path(), SkippedFile.Kind.UNREADABLE, e.reason()));
                        }
                        bar.step(1);
                    }
                    return results;
                }));
            }
            List<Sample> kept = new ArrayList<>();
            List<GrayImage> images = new ArrayList<>();
            List<SkippedFile> failures = new ArrayList<>();
            int i = 0;
            for (Future<List<Object>> f : futures) {
                for (Object r : f.get()) {
                    Sample s = samples.get(i++);
                    if (r instanceof GrayImage g) {
                        kept.add(s);
                        images.add(g);
                    } else {
                        failures.add((SkippedFile) r);
                    }
                }
            }
            int[] labels = kept.stream().mapToInt(Sample::label).toArray();
            return new DecodedImages(kept, images, labels, failures);
        } catch (ExecutionException e) {
            throw new IllegalStateException("decoding failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Decodes labelled images for scoring or fitting (calibration, ensembles) on all cores, listing
     * unreadable files on {@code out}; fails when none is readable.
     */
    public static DecodedImages decodeForScoring(List<Sample> samples, PrintStream out) throws InterruptedException {
        DecodedImages d = decode(samples, "decode", Math.max(1, Runtime.getRuntime().availableProcessors()), out);
        d.failures().forEach(f -> out.println("unreadable, left out: " + f));
        if (d.size() == 0) {
            throw new IllegalArgumentException("none of the " + samples.size() + " labelled images is readable");
        }
        return d;
    }

    public int size() {
        return images.size();
    }

    /**
     * Labelled images decoded on the fly ({@link StreamingImages}), with a cache of at most
     * {@code cacheBytes}; unreadable files show up in {@link #allFailures()} as training meets them.
     */
    static DecodedImages stream(List<Sample> samples, long cacheBytes) {
        int[] labels = samples.stream().mapToInt(Sample::label).toArray();
        return new DecodedImages(List.copyOf(samples), new StreamingImages(samples, new ImageDecoder(), cacheBytes), labels,
                List.of());
    }

    /** Whether the images are decoded on the fly rather than held in memory. */
    boolean streaming() {
        return images instanceof StreamingImages;
    }

    /** The files that could not be decoded: found up front, or so far while streaming. */
    List<SkippedFile> allFailures() {
        if (images instanceof StreamingImages s) {
            List<SkippedFile> all = new ArrayList<>(failures);
            all.addAll(s.failures());
            return all;
        }
        return failures;
    }
}
