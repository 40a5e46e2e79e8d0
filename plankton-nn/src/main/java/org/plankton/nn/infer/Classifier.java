package org.plankton.nn.infer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.core.augment.TestTimeAugmentation;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.calibration.TemperatureScaling;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.data.ClassList;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecodeException;
import org.plankton.core.image.ImageDecoder;
import org.plankton.core.preprocess.Affine;
import org.plankton.core.preprocess.Preprocessor;
import org.plankton.nn.arch.ArchitectureConfig;

/**
 * A trained model loaded from a bundle: images in, full probability vectors out. Uses only the
 * bundle's deterministic preprocessing (never augmentation). Not thread-safe; one per thread.
 */
public final class Classifier implements AutoCloseable {

    public static final int DEFAULT_BATCH_SIZE = 64;

    private final ModelBundle bundle;
    private final Network network;
    private final Preprocessor preprocessor;
    private final ImageDecoder decoder = new ImageDecoder();
    private final int batchSize;
    private int loaderThreads = 1;
    private List<Affine> views = List.of(Affine.identity());
    private boolean geometricMean;

    private final TemperatureScaling calibration;
    private boolean calibrated = true;

    private Classifier(ModelBundle bundle, Network network, int batchSize, TemperatureScaling calibration) {
        this.bundle = bundle;
        this.calibration = calibration;
        this.network = network;
        this.preprocessor = new Preprocessor(bundle.manifest().preprocess());
        this.batchSize = batchSize;
    }

    /** Loads a bundle; a missing, damaged or incompatible bundle gives a BundleException naming it. */
    public static Classifier load(Path bundleDir) throws BundleException {
        ModelBundle bundle = BundleReader.read(bundleDir);
        ArchitectureConfig arch;
        try {
            arch = ArchitectureConfig.fromMap(bundle.manifest().architecture());
        } catch (IllegalArgumentException e) {
            throw new BundleException(bundleDir, "unsupported architecture in manifest.json: " + e.getMessage(), e);
        }
        TemperatureScaling calibration;
        try {
            calibration = TemperatureScaling.readFrom(bundleDir);
        } catch (IOException e) {
            throw new BundleException(bundleDir, e.getMessage(), e);
        }
        try {
            Network net = Network.load(arch, bundle.classes().size(), bundle.manifest().preprocess().imageSize(),
                    bundle.weightsPath());
            return new Classifier(bundle, net, DEFAULT_BATCH_SIZE, calibration);
        } catch (IOException | RuntimeException e) {
            throw new BundleException(bundleDir, "cannot load weights " + bundle.weightsPath().getFileName()
                    + ": " + e.getMessage(), e);
        }
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public ClassList classes() {
        return bundle.classes();
    }

    public Preprocessor preprocessor() {
        return preprocessor;
    }

    /**
     * Threads decoding files ahead of the network in {@link #classifyFiles}: 1 (default) or 0 to
     * decode in the calling thread (see docs/results.md for which is faster on 2 cores).
     */
    public void setLoaderThreads(int threads) {
        if (threads < 0 || threads > 1) {
            throw new IllegalArgumentException("loader threads must be 0 or 1, got " + threads);
        }
        this.loaderThreads = threads;
    }

    /**
     * Test-time augmentation: average each image's probabilities over {@code n} views (the identity
     * and {@code n-1} Halton-sequence transforms within {@code ranges}); {@code n = 1} is plain
     * prediction. Costs {@code n} network passes per image.
     *
     * @param geometric geometric instead of arithmetic mean of the views' probabilities
     */
    public void setTestTimeAugmentation(int n, AugmentConfig ranges, boolean geometric) {
        this.views = TestTimeAugmentation.transforms(ranges, network.imageSize(), n);
        this.geometricMean = geometric;
    }

    /**
     * Whether the bundle's temperature scaling ({@code calibration.json}, fitted on validation
     * data after training) is applied; on by default.
     */
    public void setCalibrated(boolean on) {
        this.calibrated = on;
    }

    public TemperatureScaling calibration() {
        return calibrated ? calibration : TemperatureScaling.identity();
    }

    public int views() {
        return views.size();
    }

    /** Probabilities for decoded images, in order (with test-time augmentation when set). */
    public float[][] predict(List<GrayImage> images) {
        float[][] out = new float[images.size()][];
        int step = filesPerChunk();
        for (int start = 0; start < images.size(); start += step) {
            List<GrayImage> part = images.subList(start, Math.min(images.size(), start + step));
            float[] pixels = render(part);
            float[][] probs = combineViews(pixels, part.size());
            System.arraycopy(probs, 0, out, start, part.size());
        }
        return out;
    }

    /** Files per chunk, so that one chunk is about one batch of network inputs whatever the views. */
    private int filesPerChunk() {
        return Math.max(1, batchSize / views.size());
    }

    /** Every view of every image, view-major: image r of view v at index v * images.size() + r. */
    private float[] render(List<GrayImage> images) {
        int plane = network.imageSize() * network.imageSize();
        float[] pixels = new float[views.size() * images.size() * plane];
        for (int v = 0; v < views.size(); v++) {
            for (int r = 0; r < images.size(); r++) {
                preprocessor.render(images.get(r), views.get(v), pixels, (v * images.size() + r) * plane);
            }
        }
        return pixels;
    }

    /** Runs the network over all views of {@code n} images and combines each image's views. */
    private float[][] combineViews(float[] pixels, int n) {
        int total = views.size() * n;
        float[][] all = new float[total][];
        int step = Math.max(batchSize, views.size());
        for (int first = 0; first < total; first += step) {
            int m = Math.min(step, total - first);
            System.arraycopy(network.probabilities(pixels, first, m), 0, all, first, m);
        }
        float[][] out = new float[n][];
        TemperatureScaling t = calibration();
        for (int r = 0; r < n; r++) {
            float[] p = all[r];
            if (views.size() > 1) {
                List<float[]> perImage = new ArrayList<>(views.size());
                for (int v = 0; v < views.size(); v++) {
                    perImage.add(all[v * n + r]);
                }
                p = TestTimeAugmentation.combine(perImage, geometricMean);
            }
            out[r] = t.temperature() == 1 ? p : t.apply(p);
        }
        return out;
    }

    /**
     * Classifies files in input order. Decoding and preprocessing run on a background thread a few
     * batches ahead of the network. An unreadable file goes to {@link ResultSink#failure} with the
     * reason and the batch goes on.
     *
     * @param progress called with the number of files finished after each batch
     */
    public void classifyFiles(List<Path> files, ResultSink sink, LongConsumer progress)
            throws IOException, InterruptedException {
        ExecutorService loader = loaderThreads == 0 ? new InlineExecutor() : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "image-loader");
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<PreparedChunk>> queue = new ArrayDeque<>();
            int next = 0;
            while (next < files.size() || !queue.isEmpty()) {
                while (queue.size() < 3 && next < files.size()) {
                    List<Path> chunk = files.subList(next, Math.min(files.size(), next + filesPerChunk()));
                    queue.add(loader.submit(() -> prepare(chunk)));
                    next += chunk.size();
                }
                PreparedChunk chunk = get(queue.poll());
                float[][] probs = chunk.readable > 0 ? combineViews(chunk.pixels, chunk.readable) : new float[0][];
                int r = 0;
                for (int i = 0; i < chunk.files.size(); i++) {
                    String error = chunk.errors.get(i);
                    if (error == null) {
                        sink.result(chunk.files.get(i), probs[r++]);
                    } else {
                        sink.failure(chunk.files.get(i), error);
                    }
                }
                progress.accept(chunk.files.size());
            }
        } finally {
            loader.shutdownNow();
        }
    }

    private static PreparedChunk get(Future<PreparedChunk> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("image loading failed unexpectedly: " + e.getCause(), e.getCause());
        }
    }

    private PreparedChunk prepare(List<Path> chunk) {
        List<GrayImage> images = new ArrayList<>(chunk.size());
        List<String> errors = new ArrayList<>(chunk.size());
        for (Path file : chunk) {
            try {
                images.add(decoder.decode(file));
                errors.add(null);
            } catch (ImageDecodeException e) {
                errors.add(e.reason());
            }
        }
        return new PreparedChunk(chunk, render(images), images.size(), errors);
    }

    /** Runs each task at submission, in the caller's thread. */
    private static final class InlineExecutor extends java.util.concurrent.AbstractExecutorService {
        private boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit) {
            return true;
        }
    }

    private record PreparedChunk(List<Path> files, float[] pixels, int readable, List<String> errors) {
    }

    @Override
    public void close() {
        network.close();
    }
}
