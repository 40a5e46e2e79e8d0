package org.plankton.nn.infer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.data.ClassList;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecodeException;
import org.plankton.core.image.ImageDecoder;
import org.plankton.nn.engine.InferenceEngine;
import org.plankton.nn.engine.InferenceEngines;

/**
 * A trained model, or an ensemble of models, loaded from a bundle folder: images in, full
 * probability vectors out. Uses only each model's deterministic preprocessing (plus test-time
 * augmentation when asked). Not thread-safe; one per thread.
 *
 * <p>How it runs (views, calibration, precision, engine) is an {@link InferenceSettings}, given when it
 * is loaded and fixed from then on, so there is no order of setters to get wrong. Only the out-of-domain
 * model ({@link #setDomainModel}) is attached afterwards: it is the bundle's data, read by the caller.
 *
 * <p>An ensemble blends its members' (calibrated) probabilities with the weights stored in
 * {@code ensemble.json}; each member keeps its own preprocessing and image size.
 */
public final class Classifier implements AutoCloseable {

    /** Images per network call (divided among the TTA views of each image). */
    public static final int DEFAULT_BATCH_SIZE = 64;

    private final Path directory;
    private final ClassList classes;
    private final List<ModelMember> members;
    private final boolean ensemble;
    private final ImageDecoder decoder = new ImageDecoder();
    private final InferenceSettings settings;

    private Classifier(Path directory, ClassList classes, List<ModelMember> members, boolean ensemble,
                       InferenceSettings settings, AugmentConfig ttaRanges) {
        this.directory = directory;
        this.classes = classes;
        this.members = members;
        this.ensemble = ensemble;
        this.settings = settings;
        for (ModelMember m : members) {
            m.setViews(settings.ttaViews(), ttaRanges);
            m.network.setPrecision(settings.precision());
        }
    }

    /**
     * Loads a model bundle or an ensemble folder with {@link InferenceSettings#defaults()} on libtorch
     * (the training side's engine); a missing, damaged or incompatible bundle gives a BundleException
     * naming it.
     */
    public static Classifier load(Path dir) throws BundleException {
        return load(dir, InferenceSettings.defaults(), InferenceEngines.torch());
    }

    /** As {@link #load(Path)}, every network on {@code engine}. */
    public static Classifier load(Path dir, InferenceEngine engine) throws BundleException {
        return load(dir, InferenceSettings.defaults(), engine);
    }

    /**
     * Loads {@code dir} to run as {@code settings} say, on the engine they name
     * ({@link InferenceSettings#inferenceEngine()}).
     */
    public static Classifier load(Path dir, InferenceSettings settings) throws BundleException {
        return load(dir, settings, settings.inferenceEngine());
    }

    /**
     * As {@link #load(Path, InferenceSettings)}, on {@code engine} rather than the one the settings name
     * (an engine made outside them, e.g. the onnx engine for a given {@code .onnx} file); an
     * IllegalArgumentException if it lacks the settings' precision.
     */
    public static Classifier load(Path dir, InferenceSettings settings, InferenceEngine engine) throws BundleException {
        return load(dir, settings, engine, AugmentConfig.testTime());
    }

    /** As {@link #load(Path, InferenceSettings, InferenceEngine)}, the TTA views drawn within {@code ttaRanges} (tests). */
    static Classifier load(Path dir, InferenceSettings settings, InferenceEngine engine, AugmentConfig ttaRanges)
            throws BundleException {
        settings.requireSupportedBy(engine);
        List<ModelMember> members = new ArrayList<>();
        try {
            if (!EnsembleBundle.isEnsemble(dir)) {
                members.add(ModelMember.load(dir, 1.0, engine));
                return new Classifier(dir, members.get(0).bundle.classes(), List.copyOf(members), false, settings, ttaRanges);
            }
            EnsembleBundle ensemble = EnsembleBundle.read(dir);
            for (int i = 0; i < ensemble.members().size(); i++) {
                members.add(ModelMember.load(ensemble.members().get(i), ensemble.weights().get(i), engine));
            }
            return new Classifier(dir, ensemble.classes(), List.copyOf(members), true, settings, ttaRanges);
        } catch (BundleException | RuntimeException e) {
            members.forEach(ModelMember::close);
            throw e;
        }
    }

    /** How this classifier runs, as loaded. */
    public InferenceSettings settings() {
        return settings;
    }

    public Path directory() {
        return directory;
    }

    public boolean isEnsemble() {
        return ensemble;
    }

    /**
     * The class mix the probabilities assume (the training data's, from {@code calibration.json}),
     * or null when the model does not record it. For an ensemble, the blend of its members' mixes
     * (they share one data set and split, so normally one mix); null if any member lacks it.
     */
    public double[] classPriors() {
        return ModelMember.blendedPriors(members, classes.size());
    }

    /**
     * The model's bundle; for an ensemble, its first member's (whose provenance records the data
     * and split that the ensemble's members share).
     */
    public ModelBundle bundle() {
        return members.get(0).bundle;
    }

    public ClassList classes() {
        return classes;
    }

    /** Views averaged per image ({@link InferenceSettings#ttaViews()}); each costs a network pass per model. */
    public int views() {
        return settings.ttaViews();
    }

    /**
     * Out-of-domain scores of every classified image against {@code model} (the bundle's
     * {@code domain.json}), passed to {@link ResultSink#result(Path, float[], double)}; null stops.
     * An ensemble's images are scored on its first member's features, so {@code model} is that
     * member's ({@link org.plankton.nn.domain.DomainModels#of} reads it for an ensemble folder).
     */
    public void setDomainModel(org.plankton.core.domain.DomainModel model) {
        members.get(0).setDomainModel(model);
    }

    /** Probabilities for decoded images, in order (with test-time augmentation when set). */
    public float[][] predict(List<GrayImage> images) {
        return predict(prepareInput(images));
    }

    /**
     * Network input for {@code images} (every view, for every member), in chunks of about one batch.
     * Touches no network, so several threads may prepare at once while one of them runs
     * {@link #predict(Prepared)}: callers that share a classifier behind a lock keep the CPU-heavy
     * preprocessing outside it.
     */
    public Prepared prepareInput(List<GrayImage> images) {
        List<List<float[]>> chunks = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        int step = filesPerChunk();
        for (int start = 0; start < images.size(); start += step) {
            List<GrayImage> part = images.subList(start, Math.min(images.size(), start + step));
            chunks.add(renderAll(part));
            sizes.add(part.size());
        }
        return new Prepared(chunks, sizes, views());
    }

    /** Probabilities for images prepared by {@link #prepareInput}, in order. Not thread-safe. */
    public float[][] predict(Prepared prepared) {
        return predictScored(prepared).probabilities();
    }

    /** As {@link #predict(Prepared)}, with out-of-domain scores from the same pass (when a domain model is set). */
    public Scored predictScored(Prepared prepared) {
        if (prepared.views() != views()) {
            throw new IllegalStateException("prepared for " + prepared.views() + " views, the classifier uses " + views());
        }
        Scored.Builder out = new Scored.Builder();
        for (int c = 0; c < prepared.chunks().size(); c++) {
            int n = prepared.sizes().get(c);
            out.add(probabilities(prepared.chunks().get(c), n), members.get(0).lastScores());
        }
        return out.build();
    }

    /** Prepared network input: per chunk, per member, the pixels of every view of the chunk's images. */
    public record Prepared(List<List<float[]>> chunks, List<Integer> sizes, int views) {
    }

    /** Files per chunk (one network batch whatever the views): {@link #classifyFiles} batches from its list's start. */
    public int filesPerChunk() {
        return Math.max(1, DEFAULT_BATCH_SIZE / views());
    }

    /** For each member, every view of every image, view-major (image r of view v at v * n + r). */
    private List<float[]> renderAll(List<GrayImage> images) {
        return members.stream().map(m -> m.render(images)).toList();
    }

    /** Each member's probabilities (views combined, calibrated), blended across members. */
    private float[][] probabilities(List<float[]> pixelsPerMember, int n) {
        if (members.size() == 1) {
            return members.get(0).probabilities(pixelsPerMember.get(0), n, DEFAULT_BATCH_SIZE, settings.calibrated(), settings.geometricMean());
        }
        List<float[][]> perMember = new ArrayList<>(members.size());
        double[] weights = new double[members.size()];
        for (int k = 0; k < members.size(); k++) {
            perMember.add(members.get(k).probabilities(pixelsPerMember.get(k), n, DEFAULT_BATCH_SIZE, settings.calibrated(), settings.geometricMean()));
            weights[k] = members.get(k).weight;
        }
        return EnsembleBuilder.blend(perMember, weights);
    }

    /**
     * Classifies files in input order. Decoding and preprocessing run on a background thread a few
     * chunks ahead of the network. An unreadable file goes to {@link ResultSink#failure} with the
     * reason and the batch goes on.
     *
     * @param progress called with the number of files finished after each chunk
     */
    public void classifyFiles(List<Path> files, ResultSink sink, LongConsumer progress)
            throws IOException, InterruptedException {
        ExecutorService loader = FileLoader.create(settings.loaderThreads());
        try {
            Deque<Future<PreparedChunk>> queue = new ArrayDeque<>();
            int next = 0;
            while (next < files.size() || !queue.isEmpty()) {
                while (queue.size() < 3 && next < files.size()) {
                    List<Path> chunk = files.subList(next, Math.min(files.size(), next + filesPerChunk()));
                    queue.add(loader.submit(() -> prepare(chunk)));
                    next += chunk.size();
                }
                PreparedChunk chunk = FileLoader.get(queue.poll());
                float[][] probs = chunk.readable > 0 ? probabilities(chunk.pixels, chunk.readable) : new float[0][];
                double[] scores = chunk.readable > 0 ? members.get(0).lastScores() : null;
                int r = 0;
                for (int i = 0; i < chunk.files.size(); i++) {
                    String error = chunk.errors.get(i);
                    if (error == null) {
                        sink.result(chunk.files.get(i), probs[r], scores == null ? Double.NaN : scores[r]);
                        r++;
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
        return new PreparedChunk(chunk, renderAll(images), images.size(), errors);
    }

    private record PreparedChunk(List<Path> files, List<float[]> pixels, int readable, List<String> errors) {
    }

    @Override
    public void close() {
        members.forEach(ModelMember::close);
    }
}
