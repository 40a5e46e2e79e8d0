package org.plankton.nn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.plankton.core.bundle.BundleDraft;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.BundleWriter;
import org.plankton.core.bundle.Provenance;
import org.plankton.core.data.ClassList;
import org.plankton.core.data.DataFingerprint;
import org.plankton.core.data.Datasets;
import org.plankton.core.data.LabelledDataset;
import org.plankton.core.data.SkipCounts;
import org.plankton.core.data.SkippedFile;
import org.plankton.core.data.StratifiedSplit;
import org.plankton.core.metrics.Evaluation;
import org.plankton.core.preprocess.NormalisationFitter;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.preprocess.Preprocessor;
import org.plankton.core.progress.ProgressBar;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;
import org.plankton.nn.infer.ModelCalibration;
import org.plankton.nn.infer.Network;

/**
 * Trains a network on a labelled folder (one subfolder per class) or a {@code path,label} CSV
 * manifest, and writes the model with the best validation log loss as a bundle.
 *
 * <p>The split seed fixes the validation split; the training seed (by default the same) drives
 * initialisation, the epoch order and every augmentation. Each epoch ends with a
 * validation pass, a checkpoint ({@code <out>.checkpoint/}) and, when validation improved, an
 * atomic rewrite of the bundle at {@code out}.
 */
public final class TrainingRun {

    private static final ObjectMapper JSON = new ObjectMapper();
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
                          Distillation distillation, Float initDropout) {

        public Request {
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
    private final TrainConfig config;
    private final PrintStream out;
    /** The source of a fine-tuning run, or null. */
    private final WarmStart warmStart;
    /** The network trained: the request's, or the warm start's. */
    private final ArchitectureConfig architecture;
    /** Preprocessing before normalisation is fitted: the request's, or the warm start's (fitted already). */
    private final PreprocessConfig basePreprocess;

    private TrainingRun(Request request, PrintStream out) throws IOException {
        this.request = request;
        this.config = request.config();
        this.out = out;
        if (request.init() != null) {
            try {
                warmStart = WarmStart.from(request.init());
            } catch (BundleException e) {
                throw new IOException("cannot start from --init model: " + e.getMessage(), e);
            }
            // Only the size-feature branch can be added to a trained network: it is a separate
            // branch (see WarmStart#copyInto); every other option is the source's, but for dropout
            // (no weights), which may be overridden.
            architecture = warmStart.architecture(request.architecture().sizeFeatures(), request.initDropout());
            basePreprocess = warmStart.preprocess();
        } else {
            warmStart = null;
            architecture = request.architecture();
            basePreprocess = request.preprocess();
        }
    }

    public static Result run(Request request, PrintStream out) throws IOException, InterruptedException {
        // Training runs on DJL: load its libtorch first, so that the teacher and the calibration in this
        // process pick the DJL engine too (one libtorch per process, see org.plankton.nn.engine.Engines).
        Engine.getInstance();
        return new TrainingRun(request, out).run();
    }

    private Result run() throws IOException, InterruptedException {
        long runStart = System.nanoTime();
        LabelledDataset everything = Datasets.read(request.data());
        LabelledDataset dataset = everything.keepClassesWithAtLeast(config.minImagesPerClass());
        if (dataset.classes().size() < everything.classes().size()) {
            out.printf("left out %d of %d classes (%d images) with fewer than %d images%n",
                    everything.classes().size() - dataset.classes().size(), everything.classes().size(),
                    everything.samples().size() - dataset.samples().size(), config.minImagesPerClass());
        }
        ClassList classes = dataset.classes();
        if (classes.size() < 2) {
            throw new IllegalArgumentException("training needs at least 2 classes, found " + classes.size()
                    + " in " + request.data());
        }
        List<SkippedFile> skipped = new ArrayList<>(dataset.skipped());
        String fingerprint = DataFingerprint.of(dataset.samples(), classes);
        StratifiedSplit.Split split = StratifiedSplit.split(dataset.samples(), config.valFraction(), config.seed());
        out.printf("data: %d images in %d classes (%s), split seed %d: %d train, %d validation%n",
                dataset.samples().size(), classes.size(), request.data(), config.seed(), split.train().size(),
                split.validation().size());

        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        DecodedImages train = DecodedImages.decode(split.train(), "decode train", threads, out);
        DecodedImages val = DecodedImages.decode(split.validation(), "decode validation", threads, out);
        skipped.addAll(train.failures());
        skipped.addAll(val.failures());
        Distillation distill = request.distillation();
        PseudoLabelled pseudo = distill == null ? null : pseudoLabel(distill, split, classes, threads, skipped);
        reportSkipped(skipped);
        if (train.size() < config.batchSize()) {
            throw new IllegalArgumentException("only " + train.size() + " readable training images, fewer than one batch of "
                    + config.batchSize());
        }

        Path checkpointDir = Checkpoint.directoryFor(request.out());
        Checkpoint.State resumed = request.resume() ? Checkpoint.load(checkpointDir) : null;
        if (resumed != null) {
            checkCompatible(resumed, fingerprint);
        }
        PreprocessConfig preprocess = resumed != null
                ? basePreprocess.withNormalisation(resumed.mean(), resumed.std())
                : warmStart != null ? basePreprocess : fitNormalisation(basePreprocess, train);
        Preprocessor preprocessor = new Preprocessor(preprocess);
        int side = preprocess.imageSize();

        Engine.getInstance().setRandomSeed((int) config.trainSeed());
        try (Network network = Network.create(architecture, classes.size(), side)) {
            MutableTracker lr = new MutableTracker(config.learningRate());
            Nesterov nesterov = config.optimizer().equals("nesterov")
                    ? new Nesterov(lr, config.momentum(), config.weightDecay()) : null;
            Optimizer optimizer = nesterov != null ? nesterov
                    : Optimizer.adamW().optLearningRateTracker(lr).optWeightDecays(config.weightDecay()).build();
            int startEpoch = 0;
            long steps = 0;
            double trainSeconds = 0;
            double cpuSeconds = 0;
            double bestLoss = Double.POSITIVE_INFINITY;
            int bestEpoch = -1;
            List<EpochStats> history = new ArrayList<>();
            if (resumed != null) {
                Checkpoint.restore(checkpointDir, resumed, network, nesterov);
                startEpoch = resumed.epochsDone();
                steps = resumed.steps();
                trainSeconds = resumed.trainSeconds();
                cpuSeconds = resumed.cpuSeconds();
                bestLoss = resumed.bestValLogLoss();
                bestEpoch = resumed.bestEpoch();
                history.addAll(resumed.history());
                out.printf("resuming after epoch %d (%d steps, %.0f s of training) from %s%n",
                        startEpoch, steps, trainSeconds, checkpointDir);
                if (startEpoch >= config.epochs()) {
                    out.printf("already trained %d of %d epochs; nothing to do%n", startEpoch, config.epochs());
                }
            }
            if (warmStart != null && resumed == null) {
                int copied = warmStart.copyInto(network, classes);
                out.printf("init: %d parameter arrays from %s (%d classes); %s; its preprocessing (%dx%d, mean %.4f, std %.4f)%n",
                        copied, warmStart.bundle().directory(), warmStart.bundle().classes().size(),
                        warmStart.sameClasses(classes) ? "head kept (same classes)"
                                : "new head for " + classes.size() + " classes",
                        side, side, preprocess.mean(), preprocess.std());
                if (architecture.sizeFeatures() && !warmStart.architecture().sizeFeatures()) {
                    out.println("init: size-feature branch added (new; its last layer starts at zero, so the run "
                            + "starts from the source model's predictions)");
                }
            }
            out.printf("network: %s, %d parameters, input %dx%d, optimizer %s lr %.4g (%s), batch %d%s%n",
                    describe(architecture), countParameters(network), side, side, config.optimizer(),
                    config.learningRate(), config.schedule(), config.batchSize(),
                    config.gradClipNorm() > 0 ? String.format(", gradient norm clipped at %.3g", config.gradClipNorm()) : "");

            // Soft targets (pseudo-labels) need the dense form of the same cross-entropy.
            Loss loss = pseudo == null && config.mixup() <= 0 ? Loss.softmaxCrossEntropyLoss()
                    : new SoftmaxCrossEntropyLoss("SoftmaxCrossEntropyLoss", 1, -1, false, true);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(loss).optOptimizer(optimizer);
            StepGuard guard = new StepGuard(config.gradClipNorm(), lr::get, steps);
            try (Trainer trainer = network.model().newTrainer(tc)) {
                trainer.initialize(network.layout().shape(config.batchSize()));
                int epochImages = pseudo == null ? train.size()
                        : train.size() + Distillation.unlabeledPerEpoch(train.size(), distill.share());
                long stepsPerEpoch = epochImages / config.batchSize();
                long totalSteps = stepsPerEpoch * config.epochs();
                LearningRateSchedule schedule = config.learningRateSchedule();
                Budget budget = new Budget(config.timeBudgetSeconds(), config.cpuBudgetSeconds(), trainSeconds, cpuSeconds);
                boolean frozen = false;
                for (int epoch = startEpoch; epoch < config.epochs(); epoch++) {
                    boolean freeze = epoch < request.freezeEpochs();
                    if (freeze != frozen) {
                        WarmStart.freezeFeatures(network, freeze);
                        frozen = freeze;
                        out.println(freeze ? "features frozen: training the dense layers only for "
                                + request.freezeEpochs() + " epoch(s)" : "features thawed: training the whole network");
                    }
                    if (budget.exhausted()) {
                        out.printf("budget used up after %d epochs: %s%n", epoch, budget.describe());
                        break;
                    }
                    long t0 = System.nanoTime();
                    int[] order = pseudo == null ? shuffledOrder(train.size(), config.trainSeed(), epoch)
                            : Distillation.epochOrder(train.size(), pseudo.images().size(), distill.share(),
                                    config.trainSeed(), epoch);
                    double lossSum = 0;
                    int lossCount = 0;
                    float currentLr = lr.get();
                    long wait;
                    try (BatchPipeline pipeline = pseudo == null
                            ? new BatchPipeline(train.images(), train.labels(), null, classes.size(), order,
                                    config.batchSize(), preprocessor, config.augment(),
                                    config.trainSeed() * 1_000_003L + epoch, config.loaderThreads(), config.mixup(),
                                    network.layout())
                            : pseudo.pipeline(train, order, classes.size(), config, preprocessor, epoch,
                                    network.layout());
                         ProgressBar bar = new ProgressBar(String.format("epoch %d/%d", epoch + 1, config.epochs()),
                                 (long) pipeline.batches() * config.batchSize(), out)) {
                        while (pipeline.hasNext()) {
                            if (budget.exhausted()) {
                                break;
                            }
                            double progress = Math.max((double) steps / totalSteps, budget.progress());
                            currentLr = schedule.at(progress);
                            lr.set(currentLr);
                            Batch batch = pipeline.next();
                            lossSum += TrainStep.run(trainer, batch, guard);
                            lossCount++;
                            steps++;
                            bar.step(batch.size());
                        }
                        wait = pipeline.waitNanos();
                    }
                    if (lossCount == 0) {
                        break; // the budget ran out before this epoch's first step
                    }
                    double epochSeconds = (System.nanoTime() - t0) / 1e9;
                    double trainLoss = lossSum / lossCount;
                    if (!Double.isFinite(trainLoss)) {
                        throw new IllegalStateException("training diverged in epoch " + (epoch + 1) + " (loss "
                                + trainLoss + "); lower the learning rate (was " + config.learningRate()
                                + "); the last good checkpoint is in " + checkpointDir);
                    }
                    double ips = lossCount * (double) config.batchSize() / epochSeconds;

                    Evaluation eval = val.size() == 0 ? null : validate(network, preprocessor, val, classes, guard);
                    EpochStats stats = new EpochStats(epoch + 1, trainLoss,
                            eval == null ? Double.NaN : eval.logLoss(), eval == null ? Double.NaN : eval.accuracy(),
                            ips, epochSeconds, currentLr, wait / 1e9 / epochSeconds);
                    history.add(stats);
                    boolean improved = eval == null || eval.logLoss() < bestLoss;
                    if (improved) {
                        bestLoss = eval == null ? Double.NaN : eval.logLoss();
                        bestEpoch = epoch + 1;
                        writeBundle(network, classes, preprocess, fingerprint, eval, stats, history, train.size(),
                                val.size(), skipped, runStart, pseudo);
                    }
                    printEpoch(stats, improved, epoch, budget);
                    Checkpoint.save(checkpointDir, new Checkpoint.State(Checkpoint.FORMAT_VERSION, epoch + 1, steps,
                            budget.wallSeconds(), budget.cpuSeconds(), bestLoss, bestEpoch, fingerprint, configMap(), preprocess.mean(),
                            preprocess.std(), null, null, history), network, nesterov);
                }
            }
            if (guard.clippedSteps() > 0) {
                out.printf("gradient clipping: %d step(s) scaled down to norm %.3g%n", guard.clippedSteps(),
                        config.gradClipNorm());
            }
            if (bestEpoch < 0) {
                throw new IllegalStateException("no epoch completed; nothing was written to " + request.out());
            }
            if (val.size() > 0) {
                calibrate(val, train.labels(), classes.size());
            }
            out.printf("best model: epoch %d, validation log loss %.4f -> %s%n", bestEpoch, bestLoss, request.out());
            return new Result(request.out(), history, bestEpoch, bestLoss, train.size(), val.size(), skipped);
        }
    }

    /** Unlabelled images decoded, with the teacher's probabilities as their targets. */
    private record PseudoLabelled(List<org.plankton.core.image.GrayImage> images, float[][] targets) {

        BatchPipeline pipeline(DecodedImages train, int[] order, int classes, TrainConfig config,
                               Preprocessor preprocessor, int epoch, InputLayout layout) {
            List<org.plankton.core.image.GrayImage> all = new ArrayList<>(train.images());
            all.addAll(images);
            int[] labels = java.util.Arrays.copyOf(train.labels(), all.size()); // unlabelled: unused 0
            float[][] soft = new float[all.size()][];
            System.arraycopy(targets, 0, soft, train.size(), targets.length);
            return new BatchPipeline(all, labels, soft, classes, order, config.batchSize(), preprocessor,
                    config.augment(), config.trainSeed() * 1_000_003L + epoch, config.loaderThreads(), config.mixup(),
                    layout);
        }
    }

    /**
     * Decodes the unlabelled images and has the teacher label them. Images that are also in the
     * validation split are left out (they would leak the teacher's knowledge of them into the
     * student's validation score), and so are unreadable ones.
     */
    private PseudoLabelled pseudoLabel(Distillation distill, StratifiedSplit.Split split, ClassList classes, int threads,
                                       List<SkippedFile> skipped) throws IOException, InterruptedException {
        java.util.Set<Path> validation = new java.util.HashSet<>();
        split.validation().forEach(s -> validation.add(s.path().toAbsolutePath().normalize()));
        List<org.plankton.core.data.Sample> samples = new ArrayList<>();
        int overlap = 0;
        for (Path f : distill.files()) {
            if (validation.contains(f.toAbsolutePath().normalize())) {
                overlap++;
            } else {
                samples.add(new org.plankton.core.data.Sample(f, 0));
            }
        }
        if (overlap > 0) {
            out.printf("pseudo-labels: left out %d unlabelled image(s) that are in the validation split%n", overlap);
        }
        DecodedImages u = DecodedImages.decode(samples, "decode unlabeled", threads, out);
        skipped.addAll(u.failures());
        if (u.size() == 0) {
            throw new IllegalArgumentException("no readable unlabelled images in " + distill.unlabeled());
        }
        float[][] targets = distill.teacherTargets(u.images(), classes, out);
        out.printf("pseudo-labels: %d unlabelled images labelled by %s; %d per epoch (share %.2f)%n", u.size(),
                distill.teacher(), Distillation.unlabeledPerEpoch(split.train().size(), distill.share()), distill.share());
        return new PseudoLabelled(u.images(), targets);
    }

    /**
     * As {@link #validate(Network, Preprocessor, DecodedImages, ClassList)}, but non-finite
     * probabilities (weights that went NaN in the epoch's last steps) stop the run as a divergence.
     */
    private static Evaluation validate(Network network, Preprocessor preprocessor, DecodedImages val,
                                       ClassList classes, StepGuard guard) {
        try {
            return validate(network, preprocessor, val, classes);
        } catch (NonFiniteProbabilities e) {
            throw new TrainingDiverged(guard.steps(), "training diverged by step " + guard.steps()
                    + ": the network gives non-finite validation probabilities (" + e.getMessage()
                    + "). Lower the learning rate (--lr) or clip harder (--clip-grad-norm)");
        }
    }

    private static final class NonFiniteProbabilities extends IllegalStateException {
        NonFiniteProbabilities(String message) {
            super(message);
        }
    }

    /** Probabilities for every validation image (no augmentation), scored. */
    static Evaluation validate(Network network, Preprocessor preprocessor, DecodedImages val, ClassList classes) {
        InputLayout layout = network.layout();
        int plane = layout.length();
        int bs = 128;
        float[][] probs = new float[val.size()][];
        float[] buffer = new float[bs * plane];
        for (int start = 0; start < val.size(); start += bs) {
            int n = Math.min(bs, val.size() - start);
            for (int i = 0; i < n; i++) {
                layout.write(preprocessor, val.images().get(start + i), org.plankton.core.preprocess.Affine.identity(),
                        buffer, i);
            }
            float[][] p = network.probabilities(buffer, n);
            for (int i = 0; i < n; i++) {
                for (float v : p[i]) {
                    if (!Float.isFinite(v)) {
                        throw new NonFiniteProbabilities("validation image " + (start + i) + " gets " + v);
                    }
                }
            }
            System.arraycopy(p, 0, probs, start, n);
        }
        return Evaluation.of(probs, val.labels(), classes);
    }

    /** Global mean/std over a seeded random sample of training images (the recipe's one normalisation). */
    /** Temperature scaling fitted to the best model's validation predictions, saved in the bundle. */
    private void calibrate(DecodedImages val, int[] trainLabels, int classCount) throws IOException {
        try {
            out.println("calibration: " + ModelCalibration.fit(request.out(), val.images(), val.labels(), 1, false,
                    ModelCalibration.proportions(trainLabels, classCount)).describe());
        } catch (BundleException e) {
            throw new IOException("cannot reload the model just written: " + e.getMessage(), e);
        }
    }

    private PreprocessConfig fitNormalisation(PreprocessConfig base, DecodedImages train) {
        Random rnd = new Random(config.trainSeed());
        NormalisationFitter fitter = new NormalisationFitter(base);
        for (int i = 0; i < Math.min(NORMALISATION_SAMPLE, train.size()); i++) {
            fitter.add(train.images().get(rnd.nextInt(train.size())));
        }
        return fitter.fitted();
    }

    static int[] shuffledOrder(int n, long seed, int epoch) {
        return Shuffle.permutation(n, new Random(seed * 31 + epoch));
    }

    private void writeBundle(Network network, ClassList classes, PreprocessConfig preprocess, String fingerprint,
                             Evaluation eval, EpochStats stats, List<EpochStats> history, int trainImages,
                             int valImages, List<SkippedFile> skipped, long runStart, PseudoLabelled pseudo)
            throws IOException {
        Map<String, Object> provenance = new LinkedHashMap<>(Provenance.base());
        provenance.put("data", request.data().toAbsolutePath().normalize().toString());
        provenance.put("data_fingerprint", fingerprint);
        provenance.put("split_seed", config.seed());
        provenance.put("train_seed", config.trainSeed());
        provenance.put("validation_fraction", config.valFraction());
        provenance.put("min_images_per_class", config.minImagesPerClass());
        provenance.put("train_images", trainImages);
        provenance.put("validation_images", valImages);
        provenance.put("skipped_files", skipped.size());
        provenance.put("train_config", configMap());
        if (warmStart != null) {
            provenance.put("init", warmStart.describe(classes));
        }
        if (pseudo != null) {
            provenance.put("pseudo_labels", request.distillation().describe(pseudo.images().size(),
                    Distillation.unlabeledPerEpoch(trainImages, request.distillation().share())));
        }
        provenance.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        provenance.put("djl_version", Engine.getDjlVersion());
        provenance.put("epoch", stats.epoch());
        provenance.put("training_seconds", Math.round(history.stream().mapToDouble(EpochStats::seconds).sum()));
        provenance.put("wall_seconds_this_session", Math.round((System.nanoTime() - runStart) / 1e9));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("epoch", stats.epoch());
        metrics.put("split", "validation");
        if (eval != null) {
            metrics.putAll(eval.summary());
        }
        metrics.put("train_loss", stats.trainLoss());
        metrics.put("history", history);
        BundleDraft draft = new BundleDraft(classes, preprocess, architecture.toMap(), provenance,
                JSON.convertValue(metrics, Map.class), "weights.params");
        BundleWriter.write(request.out(), draft, network::saveWeights);
    }

    private Map<String, Object> configMap() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.convertValue(config, Map.class);
        m.put("architecture", architecture.toMap());
        m.put("image_size", basePreprocess.imageSize());
        m.put("invert", basePreprocess.invert());
        if (request.init() != null) {
            m.put("init", request.init().toAbsolutePath().normalize().toString());
            m.put("freeze_epochs", request.freezeEpochs());
        }
        if (request.distillation() != null) {
            m.put("pseudo_labels", request.distillation().describe(0, 0));
        }
        return m;
    }

    /** A resumed run must train the same data with the same settings; only epochs and budget may grow. */
    private void checkCompatible(Checkpoint.State state, String fingerprint) {
        if (!state.dataFingerprint().equals(fingerprint)) {
            throw new IllegalArgumentException("cannot resume: the training data changed since the checkpoint in "
                    + Checkpoint.directoryFor(request.out()) + " (fingerprint " + state.dataFingerprint() + " -> "
                    + fingerprint + ")");
        }
        Map<String, Object> saved = new LinkedHashMap<>(state.config());
        Map<String, Object> now = configMap();
        if (saved.get("architecture") instanceof Map<?, ?> arch) {
            // Through the config type, so fields added since the checkpoint compare as their defaults.
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) arch;
            saved.put("architecture", ArchitectureConfig.fromMap(typed).toMap());
        }
        for (String free : List.of("epochs", "timeBudgetSeconds", "cpuBudgetSeconds", "loaderThreads")) {
            saved.remove(free);
            now.remove(free);
        }
        if (!saved.containsKey("minImagesPerClass") && config.minImagesPerClass() == 1) {
            now.remove("minImagesPerClass"); // checkpoints from before the option: all classes were kept
        }
        if (!saved.containsKey("mixup") && config.mixup() == 0) {
            now.remove("mixup"); // checkpoints from before the option: no mixup
        }
        if (!saved.containsKey("gradClipNorm")) {
            // Checkpoints from before clipping: continue with it. It only scales down rare spikes
            // (a step that would otherwise have diverged), so the runs stay comparable.
            now.remove("gradClipNorm");
        }
        Map<String, Object> nowJson;
        try {
            // Through JSON text, so numbers compare as the checkpoint stores them (0.05f -> 0.05).
            nowJson = JSON.readValue(JSON.writeValueAsString(now), Map.class);
            saved = JSON.readValue(JSON.writeValueAsString(saved), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise training settings: " + e.getMessage(), e);
        }
        if (!saved.equals(nowJson)) {
            throw new IllegalArgumentException("cannot resume: training settings differ from the checkpoint's: was "
                    + saved + ", now " + nowJson);
        }
    }

    private void reportSkipped(List<SkippedFile> skipped) {
        if (skipped.isEmpty()) {
            return;
        }
        out.printf("skipped %d unusable file(s) (%s):%n", skipped.size(), SkipCounts.of(skipped).describe());
        skipped.stream().limit(20).forEach(s -> out.println("  " + s));
        if (skipped.size() > 20) {
            out.printf("  ... and %d more%n", skipped.size() - 20);
        }
    }

    private void printEpoch(EpochStats s, boolean improved, int epoch, Budget budget) {
        int remaining = config.epochs() - epoch - 1;
        double eta = remaining * s.seconds();
        if (budget.limited()) {
            double p = budget.progress();
            eta = Math.min(eta, p >= 1 ? 0 : budget.wallSeconds() * (1 - p) / Math.max(p, 1e-9));
        }
        out.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  val log loss %.4f  val acc %.4f  %.0f img/s  "
                        + "lr %.3g  data wait %.1f%%  %s  ETA %s%s%n",
                s.epoch(), config.epochs(), s.trainLoss(), s.valLogLoss(), s.valAccuracy(), s.imagesPerSecond(),
                s.learningRate(), 100 * s.dataWaitShare(), ProgressBar.formatDuration(s.seconds()),
                ProgressBar.formatDuration(eta), improved ? "  * saved" : "");
    }

    private static long countParameters(Network network) {
        long n = 0;
        for (var p : network.block().getParameters()) {
            n += p.getValue().getArray().getShape().size();
        }
        return n;
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
