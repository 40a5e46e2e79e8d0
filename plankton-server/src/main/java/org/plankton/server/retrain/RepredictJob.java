package org.plankton.server.retrain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecodeException;
import org.plankton.core.image.ImageDecoder;
import org.plankton.server.images.PredictionRepository;
import org.plankton.server.images.Reprediction;
import org.plankton.server.inference.ModelService;
import org.plankton.server.inference.Prediction;
import org.plankton.server.storage.ImageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies every stored image again with a newly activated version, on its own thread, so counts
 * and galleries show what the served model says. Images go through {@link ModelService}'s queue a
 * batch at a time, so uploads and other requests share the network between batches instead of waiting
 * for the whole store. Each image's old prediction goes to the history first
 * ({@link PredictionRepository#replace}); reviews are not touched. Images already predicted by this
 * model are skipped, so a run cut short (restart, cancel) is finished by the next one without redoing
 * work. Cancelled by a later activation, between batches; a batch answered by another model (a switch in between)
 * also ends it, as cancelled, rather than storing that model's answers under this version.
 */
final class RepredictJob implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RepredictJob.class);
    static final int BATCH = ModelService.MAX_BATCH;

    enum State { RUNNING, DONE, FAILED, CANCELLED }

    private final String version;
    private final String modelId;
    private final ModelService model;
    private final PredictionRepository predictions;
    private final ImageStore store;
    private final ImageDecoder decoder = new ImageDecoder();
    private volatile State state = State.RUNNING;
    private volatile long done;
    private volatile long total;
    private volatile boolean cancelled;
    private volatile Thread thread;

    RepredictJob(String version, String modelId, ModelService model, PredictionRepository predictions, ImageStore store) {
        this.version = version;
        this.modelId = modelId;
        this.model = model;
        this.predictions = predictions;
        this.store = store;
    }

    String version() {
        return version;
    }

    void start() {
        Thread t = new Thread(this, "plankton-repredict-" + version);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /**
     * Ends the run after the batch in hand (a second or so). No interrupt: it would land in a database
     * call or a file read as often as in the wait for the model, and break those instead.
     */
    void cancel() {
        cancelled = true;
    }

    void join(long millis) throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.join(millis);
        }
    }

    RepredictStatus status() {
        return new RepredictStatus(state.name().toLowerCase(Locale.ROOT), done, total);
    }

    @Override
    public void run() {
        try {
            total = predictions.count();
            long after = 0;
            List<PredictionRepository.Stored> page;
            do {
                if (cancelled || Thread.currentThread().isInterrupted()) {
                    state = State.CANCELLED;
                    return;
                }
                page = predictions.page(after, BATCH);
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1).id();
                }
                if (!batch(page)) {
                    state = State.CANCELLED;
                    return;
                }
            } while (page.size() == BATCH);
            done = Math.max(done, total);
            state = State.DONE;
            LOG.info("re-predicted the stored images with model version {}", version);
        } catch (InterruptedException e) {
            state = State.CANCELLED;
        } catch (Exception | Error e) {
            if (cancelled) {
                state = State.CANCELLED;
            } else {
                LOG.error("re-prediction with model version {} failed after {} of {} images", version, done, total, e);
                state = State.FAILED;
            }
        }
    }

    /** Re-predicts one page; false when the answers came from another model than this job's. */
    private boolean batch(List<PredictionRepository.Stored> page) throws Exception {
        List<PredictionRepository.Stored> todo = new ArrayList<>();
        List<GrayImage> images = new ArrayList<>();
        for (PredictionRepository.Stored s : page) {
            if (modelId.equals(s.modelId())) {
                done++; // predicted by this model already (an earlier run, or uploaded since the switch)
                continue;
            }
            try {
                images.add(decoder.decode(store.path(s.sha256())));
                todo.add(s);
            } catch (ImageDecodeException | java.io.UncheckedIOException e) {
                LOG.warn("image {} not re-predicted: its file is unreadable ({})", s.id(), e.getMessage());
                done++;
            }
        }
        if (images.isEmpty()) {
            return true;
        }
        List<Prediction> answers = model.predict(images);
        for (int i = 0; i < todo.size(); i++) {
            Prediction p = answers.get(i);
            if (!modelId.equals(p.modelId())) {
                return false;
            }
            predictions.replace(todo.get(i).id(), new Reprediction(p.modelId(), p.topClass(), p.topProbability(),
                    p.asMap(), p.trust()));
            done++;
        }
        return true;
    }
}
