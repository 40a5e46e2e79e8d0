package org.plankton.nn.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plankton.core.bundle.BundleDraft;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.BundleWriter;
import org.plankton.core.bundle.TrainingProvenance;
import org.plankton.core.metrics.Evaluation;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.weights.WeightFiles;
import org.plankton.nn.engine.TrainingSession;
import org.plankton.nn.infer.ModelCalibration;

/**
 * Writes what a run produces at {@code out}: the bundle of the best epoch so far (weights as
 * safetensors, manifest, classes, provenance, metrics; atomically) and, at the end, its calibration.
 */
final class BundleOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrainingSettings settings;
    private final TrainingData data;
    private final PreprocessConfig preprocess;
    private final WarmStart warmStart;
    private final long runStart;

    /** @param warmStart the source of a fine-tuning run, or null */
    BundleOutput(TrainingSettings settings, TrainingData data, PreprocessConfig preprocess, WarmStart warmStart,
                 long runStart) {
        this.settings = settings;
        this.data = data;
        this.preprocess = preprocess;
        this.warmStart = warmStart;
        this.runStart = runStart;
    }

    /** Rewrites the bundle with the session's current weights, the epoch's metrics and the history. */
    void write(TrainingSession session, Evaluation eval, EpochStats stats, List<EpochStats> history) throws IOException {
        TrainingRun.Request request = settings.request();
        TrainConfig config = settings.config();
        TrainingProvenance.DataSplit split = new TrainingProvenance.DataSplit(
                request.data().toAbsolutePath().normalize().toString(), data.fingerprint(), config.seed(),
                config.trainSeed(), config.valFraction(), config.minImagesPerClass(), data.train().size(),
                data.val().size(), data.allSkipped().size());
        TrainingProvenance.Run run = new TrainingProvenance.Run(settings.configMap(),
                warmStart == null ? null : warmStart.describe(data.classes()),
                data.pseudo() == null ? null : request.distillation().describe(data.pseudo().images().size(),
                        Distillation.unlabeledPerEpoch(data.train().size(), request.distillation().share())),
                session.description(), settings.precision().describe(), stats.epoch(),
                Math.round(history.stream().mapToDouble(EpochStats::seconds).sum()),
                Math.round((System.nanoTime() - runStart) / 1e9));
        Map<String, Object> provenance = new TrainingProvenance(TrainingProvenance.Platform.current(), split, run,
                null).toMap();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("epoch", stats.epoch());
        metrics.put("split", "validation");
        if (eval != null) {
            metrics.putAll(eval.summary());
        }
        metrics.put("train_loss", stats.trainLoss());
        metrics.put("history", history);
        @SuppressWarnings("unchecked")
        Map<String, Object> metricsMap = JSON.convertValue(metrics, Map.class);
        BundleDraft draft = new BundleDraft(data.classes(), preprocess, settings.architecture().toMap(), provenance,
                metricsMap, WeightFiles.SAFETENSORS_NAME);
        BundleWriter.write(request.out(), draft, session::writeWeights);
    }

    /** Temperature scaling fitted to the best model's validation predictions, saved in the bundle. */
    void calibrate(PrintStream out) throws IOException {
        try {
            out.println("calibration: " + ModelCalibration.fit(settings.request().out(), data.val().images(),
                    data.val().labels(), 1, false, ModelCalibration.proportions(data.train().labels(),
                            data.classes().size())).describe());
        } catch (BundleException e) {
            throw new IOException("cannot reload the model just written: " + e.getMessage(), e);
        }
    }

    /** The out-of-domain model (domain.json): Gaussians on the training split's features, threshold on the validation split. */
    void fitDomain(PrintStream out) throws IOException {
        try {
            DomainSubset fit = DomainSubset.of(data.train().images(), data.train().labels(), DomainSubset.MAX_IMAGES);
            DomainSubset check = DomainSubset.of(data.val().images(), data.val().labels(), DomainSubset.MAX_IMAGES / 5);
            out.println(org.plankton.nn.domain.DomainFitting.fitAndWrite(settings.request().out(), fit.images(),
                    fit.labels(), check.images(), org.plankton.nn.domain.DomainFitting.DEFAULT_RANK).describe());
        } catch (BundleException e) {
            throw new IOException("cannot reload the model just written: " + e.getMessage(), e);
        }
    }
}
