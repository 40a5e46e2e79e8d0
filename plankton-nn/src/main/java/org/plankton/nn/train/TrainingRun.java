package org.plankton.nn.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.data.SkippedFile;
import org.plankton.core.preprocess.NormalisationFitter;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.engine.Engine;
import org.plankton.nn.engine.Engines;
import org.plankton.nn.engine.NetworkSpec;
import org.plankton.nn.engine.OptimizerConfig;
import org.plankton.nn.engine.PrecisionChoice;
import org.plankton.nn.engine.TrainingOptions;
import org.plankton.nn.engine.TrainingSession;

/**
 * Trains a network on a labelled folder (one subfolder per class) or a {@code path,label} CSV
 * manifest, and writes the model with the best validation log loss as a bundle.
 *
 * <p>The split seed fixes the validation split; the training seed (by default the same) drives
 * initialisation, the epoch order and every augmentation. Each epoch ends with a
 * validation pass, a checkpoint ({@code <out>.checkpoint/}) and, when validation improved, an
 * atomic rewrite of the bundle at {@code out}. The parts: {@link TrainingData} (dataset, split,
 * decoding, pseudo-labels), {@link TrainingSettings} (the settings map and the resume check),
 * {@link EpochLoop} (epochs within the budget, checkpoints), {@link BundleOutput} (bundle,
 * provenance, calibration); the network and its steps are a {@link TrainingSession} of the
 * process's engine.
 */
public final class TrainingRun {

    private static final int NORMALISATION_SAMPLE = 2000;

    /**
     * What to train and where to write it.
     *
     * @param initDropout with {@code init}: a dropout rate that replaces the source model's (null keeps
     *                    it); the only architecture option besides the size-feature branch that a warm
     *                    start takes from {@code architecture} rather than from the source
     */
    public record Request(Path data, Path out, TrainConfig config, PreprocessConfig preprocess,
                          ArchitectureConfig architecture, boolean resume, Path init, int freezeEpochs,
                          Distillation distillation, Float initDropout, PrecisionChoice precision, DataLoading loading) {

        public Request {
            java.util.Objects.requireNonNull(precision, "precision");
            java.util.Objects.requireNonNull(loading, "loading");
            if (freezeEpochs < 0) {
                throw new IllegalArgumentException("freeze epochs must be >= 0, got " + freezeEpochs);
            }
            if (freezeEpochs > 0 && init == null) {
                throw new IllegalArgumentException("freezing the features needs a model to start from (--init)");
            }
            if (initDropout != null && init == null) {
                throw new IllegalArgumentException("a dropout override is for a warm start (--init); "
                        + "otherwise set the architecture's dropout");
            }
        }

        /** In the default precision for this CPU ({@link PrecisionChoice#forThisCpu()}). */
        public Request(Path data, Path out, TrainConfig config, PreprocessConfig preprocess,
                       ArchitectureConfig architecture, boolean resume, Path init, int freezeEpochs,
                       Distillation distillation, Float initDropout) {
            this(data, out, config, preprocess, architecture, resume, init, freezeEpochs, distillation, initDropout,
                    PrecisionChoice.forThisCpu(), DataLoading.AUTO);
        }

        /** The same request in another precision. */
        public Request withPrecision(PrecisionChoice choice) {
            return new Request(data, out, config, preprocess, architecture, resume, init, freezeEpochs, distillation,
                    initDropout, choice, loading);
        }

        /** The same request with the images held in memory, streamed, or either as they fit ({@link DataLoading}). */
        public Request withLoading(DataLoading how) {
            return new Request(data, out, config, preprocess, architecture, resume, init, freezeEpochs, distillation,
                    initDropout, precision, how);
        }

        /** A warm start, or a run from random initialisation, keeping the source's dropout. */
        public Request(Path data, Path out, TrainConfig config, PreprocessConfig preprocess,
                       ArchitectureConfig architecture, boolean resume, Path init, int freezeEpochs,
                       Distillation distillation) {
            this(data, out, config, preprocess, architecture, resume, init, freezeEpochs, distillation, null);
        }

        /** Without pseudo-labelling. */
        public Request(Path data, Path out, TrainConfig config, PreprocessConfig preprocess,
                       ArchitectureConfig architecture, boolean resume, Path init, int freezeEpochs) {
            this(data, out, config, preprocess, architecture, resume, init, freezeEpochs, null);
        }

        /** A run from random initialisation. */
        public Request(Path data, Path out, TrainConfig config, PreprocessConfig preprocess,
                       ArchitectureConfig architecture, boolean resume) {
            this(data, out, config, preprocess, architecture, resume, null, 0, null);
        }
    }

    /** The outcome of a training run. */
    public record Result(Path bundle, List<EpochStats> history, int bestEpoch, double bestValLogLoss,
                         int trainImages, int validationImages, List<SkippedFile> skipped) {
    }

    private final Request request;
    private final PrintStream out;
    /** The source of a fine-tuning run, or null. */
    private final WarmStart warmStart;
    private final TrainingSettings settings;

    private TrainingRun(Request request, WarmStart.HeadTransfer headTransfer, PrintStream out) throws IOException {
        this.request = request;
        this.out = out;
        if (request.init() != null) {
            try {
                warmStart = WarmStart.from(request.init()).withHeadTransfer(headTransfer);
            } catch (BundleException e) {
                throw new IOException("cannot start from --init model: " + e.getMessage(), e);
            }
            // Only the size-feature branch can be added to a trained network: it is a separate
            // branch (see WarmStart#merge); every other option is the source's, but for dropout
            // (no weights), which may be overridden. Preprocessing is the source's, normalisation included.
            settings = new TrainingSettings(request,
                    warmStart.architecture(request.architecture().sizeFeatures(), request.initDropout()),
                    warmStart.preprocess(), request.precision());
        } else {
            warmStart = null;
            settings = new TrainingSettings(request, request.architecture(), request.preprocess(), request.precision());
        }
    }

    public static Result run(Request request, PrintStream out) throws IOException, InterruptedException {
        return run(request, WarmStart.HeadTransfer.SAME_CLASSES_ONLY, out);
    }

    /**
     * As {@link #run(Request, PrintStream)}, with the rule for the source's head on a warm start when the
     * class lists differ ({@link WarmStart.HeadTransfer}); ignored without {@code init}.
     */
    public static Result run(Request request, WarmStart.HeadTransfer headTransfer, PrintStream out)
            throws IOException, InterruptedException {
        return new TrainingRun(request, headTransfer, out).run();
    }

    private Result run() throws IOException, InterruptedException {
        long runStart = System.nanoTime();
        Engine engine = Engines.current();
        out.printf("engine: %s, precision %s%n", engine.description(), request.precision().describe());
        TrainConfig config = request.config();
        Path checkpointDir = Checkpoint.directoryFor(request.out());
        TrainingData data = TrainingData.prepare(request.data(), config, request.distillation(), request.loading(),
                checkpointDir, out);

        Checkpoint.State resumed = request.resume() ? Checkpoint.load(checkpointDir) : null;
        if (resumed != null) {
            settings.checkResumable(resumed, data.fingerprint(), checkpointDir);
        }
        PreprocessConfig base = settings.basePreprocess();
        PreprocessConfig preprocess = resumed != null ? base.withNormalisation(resumed.mean(), resumed.std())
                : warmStart != null ? base : fitNormalisation(base, data.train(), config.trainSeed());
        int side = preprocess.imageSize();
        ArchitectureConfig architecture = settings.architecture();
        OptimizerConfig optimizer = OptimizerConfig.of(config.optimizer(), config.learningRate(), config.momentum(),
                config.weightDecay());
        TrainingOptions options = new TrainingOptions(optimizer, request.precision().precision(), config.gradClipNorm(),
                config.trainSeed(), resumed == null ? 0 : resumed.steps());

        try (TrainingSession session = engine.train(new NetworkSpec(architecture, data.classes().size(), side), options)) {
            EpochLoop.Progress from = EpochLoop.Progress.start();
            if (resumed != null) {
                Checkpoint.restore(checkpointDir, resumed, session);
                from = EpochLoop.Progress.of(resumed);
                out.printf("resuming after epoch %d (%d steps, %.0f s of training) from %s%n",
                        from.epochsDone(), from.steps(), from.trainSeconds(), checkpointDir);
                if (from.epochsDone() >= config.epochs()) {
                    out.printf("already trained %d of %d epochs; nothing to do%n", from.epochsDone(), config.epochs());
                }
            } else if (warmStart != null) {
                initFromSource(session, data, preprocess);
            }
            out.printf("network: %s, %d parameters, input %dx%d, optimizer %s lr %.4g (%s), batch %d%s%n",
                    describe(architecture), session.parameterCount(), side, side, config.optimizer(),
                    config.learningRate(), config.schedule(), config.batchSize(),
                    config.gradClipNorm() > 0 ? String.format(", gradient norm clipped at %.3g", config.gradClipNorm()) : "");

            BundleOutput output = new BundleOutput(settings, data, preprocess, warmStart, runStart);
            EpochLoop.Progress done = new EpochLoop(settings, data, preprocess, output, checkpointDir, out).run(session, from);
            if (session.guard().clippedSteps() > 0) {
                out.printf("gradient clipping: %d step(s) scaled down to norm %.3g%n", session.guard().clippedSteps(),
                        config.gradClipNorm());
            }
            if (done.bestEpoch() < 0) {
                throw new IllegalStateException("no epoch completed; nothing was written to " + request.out());
            }
            if (data.val().size() > 0) {
                output.calibrate(out);
                output.fitDomain(out);
            }
            List<SkippedFile> metWhileStreaming = data.allSkipped().subList(data.skipped().size(), data.allSkipped().size());
            if (!metWhileStreaming.isEmpty()) {
                out.printf("unreadable files met while streaming, each replaced by another image of its class: %d%n",
                        metWhileStreaming.size());
                metWhileStreaming.stream().limit(20).forEach(f -> out.println("  " + f));
            }
            out.printf("best model: epoch %d, validation log loss %.4f -> %s%n", done.bestEpoch(), done.bestLoss(),
                    request.out());
            return new Result(request.out(), done.history(), done.bestEpoch(), done.bestLoss(), data.train().size(),
                    data.val().size(), data.allSkipped());
        }
    }

    private void initFromSource(TrainingSession session, TrainingData data, PreprocessConfig preprocess) throws IOException {
        WarmStart.Merged merged = warmStart.merge(session.weights(), data.classes());
        session.loadWeights(merged.weights());
        int side = preprocess.imageSize();
        out.printf("init: %d parameter arrays from %s (%d classes); %s; its preprocessing (%dx%d, mean %.4f, std %.4f)%n",
                merged.copied(), warmStart.bundle().directory(), warmStart.bundle().classes().size(),
                warmStart.describeHead(data.classes()),
                side, side, preprocess.mean(), preprocess.std());
        if (settings.architecture().sizeFeatures() && !warmStart.architecture().sizeFeatures()) {
            out.println("init: size-feature branch added (new; its last layer starts at zero, so the run "
                    + "starts from the source model's predictions)");
        }
    }

    /** Global mean/std over a seeded random sample of training images (the recipe's one normalisation). */
    private static PreprocessConfig fitNormalisation(PreprocessConfig base, DecodedImages train, long seed) {
        Random rnd = new Random(seed);
        NormalisationFitter fitter = new NormalisationFitter(base);
        for (int i = 0; i < Math.min(NORMALISATION_SAMPLE, train.size()); i++) {
            fitter.add(train.images().get(rnd.nextInt(train.size())));
        }
        return fitter.fitted();
    }

    private static String describe(ArchitectureConfig a) {
        return String.format("%s %s dense %d%s%s, leaky %.3g, dropout %.2g, %s init%s%s", a.type(), a.stages(),
                a.denseUnits(), a.maxout() > 1 ? " maxout" + a.maxout() : "", a.batchNorm() ? " +BN" : "",
                a.leakySlope(), a.dropout(), a.init(),
                a.rotations() == 4 ? (a.roll() ? ", cyclic slice+roll x4" : ", cyclic slice x4") : "",
                (a.sizeFeatures() ? ", size features (late fusion)" : "")
                        + (a.fixedScale() > 0 ? ", fixed-scale input x" + a.fixedScale() : ""));
    }
}
