package org.plankton.server.retrain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plankton.core.bundle.BundleException;
import org.plankton.nn.infer.InferenceSettings;
import org.plankton.server.images.ImageRepository;
import org.plankton.server.images.PredictionRepository;
import org.plankton.server.inference.ModelService;
import org.plankton.server.storage.ImageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts retrain jobs, one at a time (training takes every core the server has, and two runs
 * would race for the next version number), remembers them for their status, and switches the
 * active model between versions. Nothing here touches libtorch until a job's thread starts training.
 */
public final class Retrainer implements AutoCloseable {

    /** Thrown when a job is asked for while another runs: the caller answers 409. */
    public static final class Busy extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Busy(String job) {
            super("retrain job " + job + " is still running; cancel it or wait");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Retrainer.class);

    private final ModelService model;
    private final ImageRepository images;
    private final ImageStore store;
    private final ModelVersions versions;
    private final InferenceSettings settings;
    private final Path workRoot;
    private final Map<String, RetrainJob> jobs = new LinkedHashMap<>();
    private final PredictionRepository predictions;
    private RetrainJob latest;
    private RepredictJob repredict;
    private int counter;

    public Retrainer(ModelService model, ImageRepository images, PredictionRepository predictions, ImageStore store,
                     Path originalModel, Path dataDir, InferenceSettings settings) {
        this.model = model;
        this.predictions = predictions;
        this.images = images;
        this.store = store;
        this.versions = new ModelVersions(originalModel, dataDir);
        this.settings = settings;
        this.workRoot = dataDir.resolve("retrain-work");
    }

    /** Starts a job; {@link Busy} when one is running. */
    public synchronized RetrainStatus start(RetrainRequest request) throws IOException {
        if (latest != null && latest.running()) {
            throw new Busy(latestId());
        }
        String id = "r" + (++counter) + "-" + Long.toString(System.currentTimeMillis(), 36);
        Files.createDirectories(workRoot);
        RetrainJob job = new RetrainJob(id, request, model, images, store, versions, settings,
                Files.createTempDirectory(workRoot, id + "-"));
        jobs.put(id, job);
        latest = job;
        job.start();
        return job.status();
    }

    /** The most recent job's status, if any job was started since the server started. */
    public synchronized Optional<RetrainStatus> latest() {
        return Optional.ofNullable(latest).map(RetrainJob::status);
    }

    public synchronized Optional<RetrainStatus> status(String job) {
        return Optional.ofNullable(jobs.get(job)).map(RetrainJob::status);
    }

    /** Asks a job to stop; empty when there is no such job. */
    public synchronized Optional<RetrainStatus> cancel(String job) {
        RetrainJob j = jobs.get(job);
        if (j == null) {
            return Optional.empty();
        }
        j.cancel();
        return Optional.of(j.status());
    }

    public List<ModelVersions.Version> versions() throws IOException {
        return versions.list();
    }

    /** The learning report: one row per retrained version, oldest first (v1, the started model, has none). */
    public List<LearningRow> report() throws IOException {
        return versions.list().stream().filter(v -> v.provenance() != null).map(v -> LearningRow.of(v.provenance()))
                .toList();
    }

    /** The version whose folder is the active model's, or null when none matches (should not happen). */
    public String activeVersion() throws IOException {
        Path active = model.directory().toAbsolutePath().normalize();
        return versions.list().stream().filter(v -> v.directory().toAbsolutePath().normalize().equals(active))
                .map(ModelVersions.Version::version).findFirst().orElse(null);
    }

    /**
     * Switches the served model to {@code version} and records it, so a restart serves it again;
     * empty when there is no such version.
     */
    public synchronized Optional<ModelVersions.Version> activate(String version) throws IOException, BundleException {
        Optional<ModelVersions.Version> v = versions.find(version);
        if (v.isPresent()) {
            model.activate(v.get().directory());
            versions.writeActive(version);
            repredict(version);
        }
        return v;
    }

    /** Starts classifying every stored image with the model just activated, cancelling a run for an earlier one. */
    private void repredict(String version) {
        if (repredict != null) {
            repredict.cancel();
        }
        repredict = new RepredictJob(version, model.id(), model, predictions, store);
        repredict.start();
    }

    /** The re-prediction progress of {@code version}: null unless it is the version being or last re-predicted. */
    public synchronized RepredictStatus repredictStatus(String version) {
        return repredict != null && repredict.version().equals(version) ? repredict.status() : null;
    }

    /**
     * At start-up: serves the version last activated instead of the started model. A recorded version
     * that is gone, or a damaged record or bundle, is logged and the started model stays: a server
     * that will not start over a model choice helps nobody. Returns the version now served.
     */
    public synchronized String restoreActive() {
        String wanted;
        try {
            Optional<String> recorded = versions.readActive();
            if (recorded.isEmpty()) {
                return ModelVersions.ORIGINAL;
            }
            if (recorded.get().equals(ModelVersions.ORIGINAL)) {
                repredict(ModelVersions.ORIGINAL); // back on v1: images a cut-short run left on another version
                return ModelVersions.ORIGINAL;
            }
            wanted = recorded.get();
        } catch (IOException | RuntimeException e) {
            LOG.warn("the recorded active model version is unreadable ({}); serving the started model", e.getMessage());
            return ModelVersions.ORIGINAL;
        }
        try {
            Optional<ModelVersions.Version> v = versions.find(wanted);
            if (v.isEmpty()) {
                LOG.warn("model version {} was active before the restart but is no longer under {}; serving the started"
                        + " model", wanted, versions.directory(wanted).getParent());
                return ModelVersions.ORIGINAL;
            }
            model.activate(v.get().directory());
            LOG.info("serving model version {} (active before the restart)", wanted);
            repredict(wanted); // finishes a re-prediction the stop cut short; images already done are skipped
            return wanted;
        } catch (IOException | BundleException | RuntimeException e) {
            LOG.warn("model version {} was active before the restart but cannot be loaded ({}); serving the started"
                    + " model", wanted, e.getMessage());
            return ModelVersions.ORIGINAL;
        }
    }

    private String latestId() {
        return jobs.entrySet().stream().filter(e -> e.getValue() == latest).map(Map.Entry::getKey).findFirst()
                .orElse("?");
    }

    /** Cancels a running job and waits a little for it, so the server's shutdown does not race it. */
    @Override
    public void close() {
        RetrainJob j;
        RepredictJob r;
        synchronized (this) {
            j = latest;
            r = repredict;
        }
        if (r != null) {
            r.cancel();
            try {
                r.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (j != null && j.running()) {
            j.cancel();
            try {
                j.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
