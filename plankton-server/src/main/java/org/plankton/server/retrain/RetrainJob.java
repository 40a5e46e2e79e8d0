package org.plankton.server.retrain;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Set;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.infer.InferenceSettings;
import org.plankton.nn.train.TrainConfig;
import org.plankton.nn.train.TrainingRun;
import org.plankton.nn.train.WarmStart;
import org.plankton.server.images.ImageRepository;
import org.plankton.server.inference.KnownLabels;
import org.plankton.server.inference.ModelService;
import org.plankton.server.storage.ImageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fine-tuning run on its own thread: reviewed images out to a labelled folder, {@link TrainingRun}
 * from the active model (what {@code train --init} does), then both models scored on the held-out
 * reviewed images and the bundle kept as a new version with its provenance. Labels reviewers added as
 * new classes become classes of the new model, the old head's rows kept by class name
 * ({@link WarmStart.HeadTransfer#BY_CLASS_NAME}); see {@link TrainingFolder} for which labels count. The active model is not
 * switched: a person decides that from the figures. Cancelling interrupts the thread, which the
 * training loop checks between steps; a cancelled or failed run leaves no version behind.
 */
final class RetrainJob implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RetrainJob.class);
    /** Fine-tuning starts from trained weights: a fifth of the from-scratch learning rate. */
    private static final float FINE_TUNE_LR = 0.004f;

    enum State { RUNNING, DONE, FAILED, CANCELLED }

    private final String id;
    private final RetrainRequest request;
    private final ModelService model;
    private final ImageRepository images;
    private final ImageStore store;
    private final ModelVersions versions;
    private final InferenceSettings settings;
    private final Path work;
    private final JobLog log = new JobLog();
    private volatile State state = State.RUNNING;
    private volatile boolean cancelRequested;
    private volatile int trainImages;
    /** The epochs the run trains (asked for, or chosen once the images are counted); 0 before. */
    private volatile int epochs;
    private volatile String version;
    private volatile String error;
    private volatile Thread thread;

    RetrainJob(String id, RetrainRequest request, ModelService model, ImageRepository images, ImageStore store,
               ModelVersions versions, InferenceSettings settings, Path work) {
        this.id = id;
        this.request = request;
        this.model = model;
        this.images = images;
        this.store = store;
        this.versions = versions;
        this.settings = settings;
        this.work = work;
    }

    void start() {
        Thread t = new Thread(this, "plankton-retrain-" + id);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Asks the run to stop; it ends as cancelled at its next check (between training steps). */
    void cancel() {
        cancelRequested = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    boolean running() {
        return state == State.RUNNING;
    }

    /** Waits for the thread to end (tests and shutdown). */
    void join(long millis) throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.join(millis);
        }
    }

    RetrainStatus status() {
        int done = log.epochsDone();
        int total = epochs > 0 ? epochs : request.epochs() == null ? 0 : request.epochs();
        return new RetrainStatus(id, state.name().toLowerCase(java.util.Locale.ROOT), done, total,
                trainImages, (long) done * trainImages, request.samples(), version, error, log.lines());
    }

    @Override
    public void run() {
        Path out = null;
        try {
            String baseId = model.id();
            Path baseDir = model.directory();
            log.add("collecting validated and corrected images of samples " + request.samples());
            KnownLabels known = model.knownLabels();
            TrainingFolder.Built built = TrainingFolder.write(images, store, request.samples(), request.baseData(),
                    Set.copyOf(model.classes()), known::contains, work.resolve("data"));
            trainImages = built.trainImages() + built.baseImages();
            log.add(String.format("%d reviewed images: %d to train on, %d held out, %d skipped; %d base images",
                    built.reviews(), built.trainImages(), built.heldOut().size(), built.skippedLabels(),
                    built.baseImages()));
            if (!built.newClasses().isEmpty()) {
                log.add("new classes from the reviews: " + String.join(", ", built.newClasses())
                        + " (every class of the model is kept)");
            }
            if (!built.skippedNames().isEmpty()) {
                log.add("skipped labels (names of groups of the model's classes, or not usable as a class name): "
                        + String.join(", ", built.skippedNames()));
            }
            if (trainImages == 0) {
                throw new IllegalStateException("no validated or corrected images usable as training labels in samples " + request.samples());
            }
            checkCancelled();
            version = versions.next();
            out = versions.directory(version);
            TrainingRun.run(new TrainingRun.Request(built.dir(), out, config(trainImages), PreprocessConfig.defaults(),
                    ArchitectureConfig.tiny(), false, baseDir, 0), WarmStart.HeadTransfer.BY_CLASS_NAME,
                    log.printStream());
            checkCancelled();
            log.add("scoring old and new model on " + built.heldOut().size() + " held-out images");
            HeldOutScore old = HeldOutScore.of(baseDir, settings, built.heldOut());
            HeldOutScore fresh = HeldOutScore.of(out, settings, built.heldOut());
            versions.writeProvenance(new Provenance(version, baseId, baseDir.toAbsolutePath().toString(),
                    request.samples(), built.reviews(), built.trainImages(), built.baseImages(), built.skippedLabels(),
                    epochs, old, fresh, Instant.now().toString(), built.newClasses(), built.trainImages(),
                    built.heldOut().size(), Provenance.gain(old, fresh)));
            log.add("written as " + version + "; activate it with POST /api/models/" + version + "/activate");
            state = State.DONE;
        } catch (InterruptedException e) {
            end(State.CANCELLED, "cancelled", out);
        } catch (Exception | Error e) {
            if (cancelRequested) {
                end(State.CANCELLED, "cancelled", out);
            } else {
                LOG.error("retrain job {} failed", id, e);
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                end(State.FAILED, "failed: " + error, out);
            }
        } finally {
            deleteQuietly(work);
            if (out != null) {
                deleteQuietly(out.resolveSibling(out.getFileName() + ".checkpoint"));
            }
        }
    }

    private void checkCancelled() throws InterruptedException {
        if (cancelRequested || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("cancelled");
        }
    }

    private void end(State s, String message, Path out) {
        log.add(message);
        if (out != null) {
            deleteQuietly(out);
            version = null;
        }
        state = s;
    }

    private TrainConfig config(int images) {
        TrainConfig d = TrainConfig.defaults();
        int batch = Math.max(2, Math.min(d.batchSize(), images / 4));
        // the trainer holds out its validation fraction of the images; the steps come from the rest
        epochs = request.epochsFor((int) Math.round(images * (1 - d.valFraction())), batch);
        log.add(epochs + " epoch(s) of batches of " + batch + (request.epochs() == null ? " (chosen for at least "
                + RetrainRequest.MIN_AUTO_STEPS + " steps)" : ""));
        return new TrainConfig(epochs, batch, d.optimizer(), FINE_TUNE_LR, d.momentum(), d.weightDecay(),
                d.schedule(), d.warmup(), d.valFraction(), d.seed(), 0, 0, AugmentConfig.defaults(), d.loaderThreads(),
                d.trainSeed());
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
