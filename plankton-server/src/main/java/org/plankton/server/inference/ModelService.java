package org.plankton.server.inference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.image.GrayImage;
import org.plankton.core.taxonomy.Taxonomy;
import org.plankton.core.taxonomy.WormsTaxa;
import org.plankton.nn.engine.InferenceEngine;
import org.plankton.nn.infer.Classifier;
import org.plankton.nn.infer.InferenceSettings;
import org.plankton.nn.infer.Scored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model, loaded once, behind a queue.
 *
 * <p>{@link Classifier} is not thread-safe and a network pass costs about the same for one image
 * as for a few dozen on a CPU, so one worker thread owns it: it takes whatever images are
 * waiting (up to {@link #MAX_BATCH}) and classifies them in one pass. Under load, sixteen
 * clients posting one image each cost a handful of passes, not sixteen; when idle, a single
 * image goes through at once, without waiting for a batch to fill.
 */
public final class ModelService implements AutoCloseable {

    public static final int MAX_BATCH = 32;
    private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);

    private record Job(GrayImage image, CompletableFuture<Prediction> result) {
    }

    /**
     * One loaded model with everything derived from it, swapped as a whole by {@link #activate} so a
     * request never sees the id of one model with the classes of another.
     */
    private record Loaded(Classifier classifier, TrustScoring trust, String id, Path directory, String engine,
                          KnownLabels knownLabels) {
    }

    private final InferenceSettings settings;
    /** Written by {@link #activate} under {@link #swapLock}; the worker reads it under the same lock per batch. */
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final Object swapLock = new Object();
    private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(4096);
    private final Thread worker;
    private volatile boolean closed;

    private ModelService(Loaded loaded, InferenceSettings settings) {
        this.settings = settings;
        this.current.set(loaded);
        this.worker = new Thread(this::work, "plankton-inference");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Loads the bundle (or ensemble) at {@code dir} with the default settings (so the default inference engine). */
    public static ModelService load(Path dir) throws BundleException, IOException {
        return load(dir, InferenceSettings.defaults());
    }

    /** Loads the bundle (or ensemble) at {@code dir} to run as {@code settings} say. */
    public static ModelService load(Path dir, InferenceSettings settings) throws BundleException, IOException {
        return new ModelService(open(dir, settings), settings);
    }

    private static Loaded open(Path dir, InferenceSettings settings) throws BundleException, IOException {
        InferenceEngine engine = settings.inferenceEngine();
        Classifier c = Classifier.load(dir, settings, engine);
        try {
            return new Loaded(c, TrustScoring.attach(c, dir), ModelIdentity.of(dir, c.bundle()), dir, engine.id(),
                    knownLabels(c, dir));
        } catch (IOException | BundleException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Makes the bundle at {@code dir} the model every later prediction uses (a retrained version):
     * loaded first, so a broken bundle leaves the current model in place; then swapped between two
     * batches, and the old classifier closed once no batch can still be using it.
     */
    public void activate(Path dir) throws BundleException, IOException {
        Loaded next = open(dir, settings);
        Loaded old;
        synchronized (swapLock) {
            old = current.getAndSet(next);
        }
        old.classifier().close();
    }

    public String id() {
        return current.get().id();
    }

    /** The folder of the active bundle. */
    public Path directory() {
        return current.get().directory();
    }

    public List<String> classes() {
        return current.get().classifier().classes().names();
    }

    /** Labels a correction may use without declaring a new class. */
    public KnownLabels knownLabels() {
        return current.get().knownLabels();
    }

    private static KnownLabels knownLabels(Classifier c, Path dir) {
        List<String> groups;
        try {
            groups = Taxonomy.forBundle(dir, c.classes()).groups();
        } catch (IOException | RuntimeException e) {
            LOG.warn("taxonomy groups not usable as labels: {}", e.getMessage());
            groups = List.of();
        }
        return new KnownLabels(c.classes().names(), groups, WormsTaxa.ndsb());
    }

    /**
     * Whether the model's images show dark objects on a light background (its preprocessing
     * inverts them): how {@link org.plankton.core.features.SizeFeatures#area} tells background from object.
     */
    public boolean darkObjects() {
        return current.get().classifier().bundle().manifest().preprocess().invert();
    }

    /**
     * What {@code GET /api/model} shows: id, classes, preprocessing and the bundle's metrics. For an
     * ensemble the metrics are the blend's and {@code members} lists each member; image size,
     * architecture and creation time are its first member's.
     */
    public Map<String, Object> describe() throws java.io.IOException {
        Loaded l = current.get();
        var b = l.classifier().bundle();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", l.id());
        m.put("directory", l.directory().toAbsolutePath().normalize().toString());
        m.put("ensemble", l.classifier().isEnsemble());
        m.put("engine", l.engine());
        m.put("classes", l.classifier().classes().names());
        m.put("known_labels", l.knownLabels().names());
        m.put("image_size", b.manifest().preprocess().imageSize());
        m.put("architecture", b.manifest().architecture());
        m.put("metrics", b.metrics());
        if (l.classifier().isEnsemble()) {
            try {
                org.plankton.core.bundle.EnsembleBundle e = org.plankton.core.bundle.EnsembleBundle.read(l.directory());
                m.put("metrics", e.metrics());
                List<Map<String, Object>> members = new ArrayList<>();
                for (int i = 0; i < e.members().size(); i++) {
                    var mb = org.plankton.core.bundle.BundleReader.read(e.members().get(i));
                    members.add(Map.of("directory", e.members().get(i).toAbsolutePath().normalize().toString(),
                            "weight", e.weights().get(i), "image_size", mb.manifest().preprocess().imageSize(),
                            "architecture", mb.manifest().architecture()));
                }
                m.put("members", members);
            } catch (org.plankton.core.bundle.BundleException e) {
                throw new java.io.IOException(e.getMessage(), e);
            }
        }
        m.put("created", b.manifest().created());
        m.put("out_of_domain_scores", l.trust().scoresDomain());
        m.put("prediction_sets", l.trust().hasSets());
        return m;
    }

    /** Classifies {@code images}, batched with whatever other requests are waiting. */
    public List<Prediction> predict(List<GrayImage> images) throws InterruptedException {
        List<CompletableFuture<Prediction>> futures = new ArrayList<>(images.size());
        for (GrayImage img : images) {
            if (closed) {
                throw new IllegalStateException("model service is closed");
            }
            CompletableFuture<Prediction> f = new CompletableFuture<>();
            queue.put(new Job(img, f));
            futures.add(f);
        }
        List<Prediction> out = new ArrayList<>(images.size());
        for (CompletableFuture<Prediction> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("inference failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
        return out;
    }

    private void work() {
        List<Job> batch = new ArrayList<>(MAX_BATCH);
        while (!closed) {
            try {
                Job first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void run(List<Job> batch) {
        synchronized (swapLock) {
            run(current.get(), batch);
        }
    }

    private void run(Loaded l, List<Job> batch) {
        Classifier classifier = l.classifier();
        String id = l.id();
        TrustScoring trust = l.trust();
        try {
            List<GrayImage> images = new ArrayList<>(batch.size());
            batch.forEach(j -> images.add(j.image()));
            Scored scored = classifier.predictScored(classifier.prepareInput(images));
            float[][] probs = scored.probabilities();
            for (int i = 0; i < batch.size(); i++) {
                double ood = scored.oodScores() == null ? Double.NaN : scored.oodScores()[i];
                batch.get(i).result().complete(Prediction.of(id, classifier.classes(), probs[i], trust.of(probs[i], ood)));
            }
        } catch (RuntimeException | Error e) {
            LOG.error("inference failed for a batch of {} images", batch.size(), e);
            batch.forEach(j -> j.result().completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Job j;
        while ((j = queue.poll()) != null) {
            j.result().completeExceptionally(new IllegalStateException("server shutting down"));
        }
        current.get().classifier().close();
    }
}
