package org.plankton.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.image.GrayImage;
import org.plankton.nn.infer.Classifier;
import org.plankton.nn.infer.InferenceSettings;
import org.plankton.nn.infer.Scored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link Classifier} per executor JVM and model, shared by the tasks that run there.
 *
 * <p>Why one and not one per task: a model holds native memory (weights, the engine's allocator),
 * loading it costs seconds, and an executor runs as many tasks at once as it has cores. Why the
 * lock: {@link Classifier} is not thread-safe, and the engine (ONNX Runtime or libtorch) already spreads one batch over all
 * the executor's cores; two batches at once on the same cores only make OpenMP threads spin
 * against each other (see docs/design.md). Decoding and preprocessing, the other half of the
 * work, run in the tasks' own threads outside the lock.
 *
 * <p>Models stay loaded for the life of the executor (the next job with the same model reuses
 * them) and are closed by a shutdown hook, or by {@link #closeAll()} when the driver is the
 * executor (local mode) and the job is over.
 */
public final class ExecutorModels {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
    private static final Map<String, Shared> MODELS = new HashMap<>();
    private static boolean hookInstalled;
    private static boolean readersRegistered;

    private ExecutorModels() {
    }

    /** A loaded model and the lock its callers share. */
    public static final class Shared {
        private final Classifier classifier;
        private final TrustFields trust;

        private Shared(Classifier classifier, TrustFields trust) {
            this.classifier = classifier;
            this.trust = trust;
        }

        public List<String> classes() {
            return classifier.classes().names();
        }

        /**
         * Probabilities for decoded images. Preprocessing runs in the calling task's thread; only
         * the network passes take the lock, one batch at a time across this executor's tasks.
         */
        public Scored predict(List<GrayImage> images) {
            Classifier.Prepared input = classifier.prepareInput(images);
            synchronized (this) {
                return classifier.predictScored(input);
            }
        }

        /** The trust columns of one image (thread-safe: reads only). */
        TrustFields.Values trust(float[] probabilities, double oodScore) {
            return trust.of(probabilities, oodScore);
        }

        private synchronized void close() {
            classifier.close();
        }
    }

    /** The model for {@code source} with {@code settings}, loading (and unpacking) it on first use. */
    public static synchronized Shared get(ModelSource source, InferenceSettings settings)
            throws IOException, BundleException {
        String key = source.key() + "|" + settings;
        Shared shared = MODELS.get(key);
        if (shared == null) {
            registerImageReaders();
            long t0 = System.nanoTime();
            Classifier c = Classifier.load(source.localBundle(), settings);
            shared = new Shared(c, TrustFields.attach(c));
            MODELS.put(key, shared);
            installHook();
            LOG.info("loaded model {} ({} classes) in {} ms", key, c.classes().size(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
        return shared;
    }

    /** Closes every model of this JVM; the next {@link #get} loads again. */
    public static synchronized void closeAll() {
        for (Shared s : MODELS.values()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warn("closing a model failed: {}", e.toString());
            }
        }
        MODELS.clear();
    }

    /** Models currently loaded in this JVM (for tests and logs). */
    public static synchronized int loaded() {
        return MODELS.size();
    }

    /**
     * Under {@code spark-submit --jars} the TwelveMonkeys readers (CMYK JPEG, 16-bit TIFF...) sit in
     * a child class loader that ImageIO's registry may not have scanned when it was first used, and
     * the JDK's own readers would then decode, or refuse, some files differently than
     * {@code classify} does. Scanning once with this module's loader registers them.
     */
    private static void registerImageReaders() {
        if (readersRegistered) {
            return;
        }
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        try {
            t.setContextClassLoader(ExecutorModels.class.getClassLoader());
            ImageIO.scanForPlugins();
        } finally {
            t.setContextClassLoader(old);
        }
        List<String> jpeg = new ArrayList<>();
        ImageIO.getImageReadersByFormatName("jpeg").forEachRemaining(r -> jpeg.add(r.getClass().getName()));
        LOG.info("JPEG readers: {}", jpeg);
        readersRegistered = true;
    }

    private static void installHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "plankton-models-close"));
            hookInstalled = true;
        }
    }
}
