package org.plankton.nn.train;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.core.augment.RandomAffine;
import org.plankton.core.image.GrayImage;
import org.plankton.core.preprocess.Affine;
import org.plankton.core.preprocess.Preprocessor;
import org.plankton.nn.arch.InputLayout;
import org.plankton.nn.engine.Batch;

/**
 * Prepares the batches of one epoch on background threads, in order, a few batches ahead, so the
 * network does not wait for augmentation. Each image's transform comes from a {@link Random}
 * seeded by (epoch seed, position), so an epoch is identical whatever the thread timing, and a
 * resumed run sees the same batches as an uninterrupted one.
 *
 * <p>{@link #waitNanos()} is how long the consumer was blocked waiting for data: the measure of
 * whether the pipeline keeps up.
 */
public final class BatchPipeline implements AutoCloseable {

    private final List<GrayImage> images;
    private final int[] labels;
    private final float[][] softTargets;
    private final int classes;
    private final float mixup;
    private final InputLayout layout;
    private final int[] order;
    private final int batchSize;
    private final int batches;
    private final Preprocessor preprocessor;
    private final AugmentConfig augment;
    private final long epochSeed;
    private final ExecutorService executor;
    private final Deque<Future<Batch>> inFlight = new ArrayDeque<>();
    private final int prefetch;
    private int submitted;
    private long waitNanos;

    /**
     * @param order      image indices in the order of this epoch; a last partial batch is dropped
     *                   (batch normalisation misbehaves on tiny batches)
     * @param augment    {@code null} for no augmentation
     * @param threads    background threads; 0 prepares each batch in the calling thread, which on
     *                   a 2-core machine can beat a thread that competes with PyTorch's own
     */
    public BatchPipeline(List<GrayImage> images, int[] labels, int[] order, int batchSize, Preprocessor preprocessor,
                  AugmentConfig augment, long epochSeed, int threads) {
        this(images, labels, null, 0, order, batchSize, preprocessor, augment, epochSeed, threads, 0f,
                new InputLayout(preprocessor.config().imageSize(), false));
    }

    /**
     * With soft targets (pseudo-labelling): {@code softTargets[i]} is image i's target distribution,
     * or null for a labelled image (one-hot of {@code labels[i]} over {@code classes}).
     */
    public BatchPipeline(List<GrayImage> images, int[] labels, float[][] softTargets, int classes, int[] order,
                         int batchSize, Preprocessor preprocessor, AugmentConfig augment, long epochSeed, int threads,
                         float mixup, InputLayout layout) {
        if (threads < 0) {
            throw new IllegalArgumentException("loader threads must be >= 0, got " + threads);
        }
        if (softTargets != null && softTargets.length != images.size()) {
            throw new IllegalArgumentException("soft targets need one entry per image");
        }
        if ((softTargets != null || mixup > 0) && classes < 2) {
            throw new IllegalArgumentException("soft targets and mixup need the number of classes, got " + classes);
        }
        this.mixup = mixup;
        this.layout = layout;
        this.images = images;
        this.labels = labels;
        this.softTargets = softTargets;
        this.classes = classes;
        this.order = order;
        this.batchSize = batchSize;
        this.batches = order.length / batchSize;
        this.preprocessor = preprocessor;
        this.augment = augment;
        this.epochSeed = epochSeed;
        this.prefetch = Math.max(2, threads * 2);
        this.executor = threads == 0 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "batch-pipeline");
            t.setDaemon(true);
            return t;
        });
        fill();
    }

    public int batches() {
        return batches;
    }

    public boolean hasNext() {
        return executor == null ? submitted < batches : !inFlight.isEmpty();
    }

    public Batch next() throws InterruptedException {
        if (executor == null) {
            // Inline mode: the batch is prepared here, and that time counts as waiting for data.
            long t0 = System.nanoTime();
            Batch b = prepare(submitted++);
            waitNanos += System.nanoTime() - t0;
            return b;
        }
        Future<Batch> f = inFlight.poll();
        if (f == null) {
            throw new IllegalStateException("no more batches in this epoch");
        }
        long t0 = System.nanoTime();
        try {
            Batch b = f.get();
            waitNanos += System.nanoTime() - t0;
            fill();
            return b;
        } catch (ExecutionException e) {
            throw new IllegalStateException("preparing a batch failed: " + e.getCause(), e.getCause());
        }
    }

    public long waitNanos() {
        return waitNanos;
    }

    private void fill() {
        while (executor != null && inFlight.size() < prefetch && submitted < batches) {
            int b = submitted++;
            inFlight.add(executor.submit(() -> prepare(b)));
        }
    }

    private Batch prepare(int batchIndex) {
        int side = preprocessor.config().imageSize();
        int plane = layout.length();
        float[] pixels = new float[batchSize * plane];
        int[] y = new int[batchSize];
        float[] targets = softTargets == null && mixup <= 0 ? null : new float[batchSize * classes];
        for (int i = 0; i < batchSize; i++) {
            int position = batchIndex * batchSize + i;
            int idx = order[position];
            Affine a = Affine.identity();
            if (augment != null) {
                a = RandomAffine.sample(augment, side, new Random(mix(epochSeed, position)));
            }
            layout.write(preprocessor, images.get(idx), a, pixels, i);
            y[i] = labels[idx];
            if (targets != null) {
                if (softTargets != null && softTargets[idx] != null) {
                    System.arraycopy(softTargets[idx], 0, targets, i * classes, classes);
                } else {
                    targets[i * classes + labels[idx]] = 1f;
                }
            }
        }
        if (mixup > 0) {
            Mixup.blend(pixels, targets, batchSize, plane, classes, mixup, new Random(mix(epochSeed, -1L - batchIndex)));
        }
        return new Batch(pixels, y, batchSize, side, targets);
    }

    /** SplitMix64-style mixing so neighbouring positions get unrelated random streams. */
    static long mix(long seed, long position) {
        long z = seed * 0x9E3779B97F4A7C15L + position;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
