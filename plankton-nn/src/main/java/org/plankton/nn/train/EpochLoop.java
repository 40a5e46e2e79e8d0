package org.plankton.nn.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plankton.core.metrics.Evaluation;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.preprocess.Preprocessor;
import org.plankton.core.progress.ProgressBar;
import org.plankton.nn.engine.Batch;
import org.plankton.nn.engine.TrainingSession;

/**
 * The epochs of a run within its budget: each trains on one epoch's batches with the learning rate
 * the schedule gives for the progress so far, then validates, rewrites the bundle when validation
 * improved and saves a checkpoint.
 */
final class EpochLoop {

    /** Where a run stands: at the start (nothing done) or as a checkpoint left it. */
    record Progress(int epochsDone, long steps, double trainSeconds, double cpuSeconds, double bestLoss, int bestEpoch,
                    List<EpochStats> history) {

        static Progress start() {
            return new Progress(0, 0, 0, 0, Double.POSITIVE_INFINITY, -1, List.of());
        }

        static Progress of(Checkpoint.State s) {
            return new Progress(s.epochsDone(), s.steps(), s.trainSeconds(), s.cpuSeconds(), s.bestValLogLoss(),
                    s.bestEpoch(), s.history());
        }
    }

    private final TrainingSettings settings;
    private final TrainConfig config;
    private final TrainingData data;
    private final PreprocessConfig preprocess;
    private final Preprocessor preprocessor;
    private final BundleOutput output;
    private final Path checkpointDir;
    private final PrintStream out;

    EpochLoop(TrainingSettings settings, TrainingData data, PreprocessConfig preprocess, BundleOutput output,
              Path checkpointDir, PrintStream out) {
        this.settings = settings;
        this.config = settings.config();
        this.data = data;
        this.preprocess = preprocess;
        this.preprocessor = new Preprocessor(preprocess);
        this.output = output;
        this.checkpointDir = checkpointDir;
        this.out = out;
    }

    /** Trains from {@code from} until the epochs or the budget run out; returns where it stopped. */
    Progress run(TrainingSession session, Progress from) throws IOException, InterruptedException {
        long steps = from.steps();
        double bestLoss = from.bestLoss();
        int bestEpoch = from.bestEpoch();
        List<EpochStats> history = new ArrayList<>(from.history());
        long totalSteps = (long) (data.epochImages() / config.batchSize()) * config.epochs();
        LearningRateSchedule schedule = config.learningRateSchedule();
        Budget budget = new Budget(config.timeBudgetSeconds(), config.cpuBudgetSeconds(), from.trainSeconds(),
                from.cpuSeconds());
        int freezeEpochs = settings.request().freezeEpochs();
        boolean frozen = false;
        for (int epoch = from.epochsDone(); epoch < config.epochs(); epoch++) {
            boolean freeze = epoch < freezeEpochs;
            if (freeze != frozen) {
                session.freezeFeatures(freeze);
                frozen = freeze;
                out.println(freeze ? "features frozen: training the dense layers only for " + freezeEpochs + " epoch(s)"
                        : "features thawed: training the whole network");
            }
            if (budget.exhausted()) {
                out.printf("budget used up after %d epochs: %s%n", epoch, budget.describe());
                break;
            }
            long t0 = System.nanoTime();
            double lossSum = 0;
            int lossCount = 0;
            double lr = schedule.at(Math.max((double) steps / totalSteps, budget.progress()));
            long wait;
            try (BatchPipeline pipeline = data.pipeline(config, preprocessor, epoch, session.network().layout());
                 ProgressBar bar = new ProgressBar(String.format("epoch %d/%d", epoch + 1, config.epochs()),
                         (long) pipeline.batches() * config.batchSize(), out)) {
                while (pipeline.hasNext() && !budget.exhausted()) {
                    if (Thread.currentThread().isInterrupted()) {
                        // the server's retrain cancel interrupts the training thread: stop between steps
                        throw new InterruptedException("training cancelled after " + steps + " steps");
                    }
                    lr = schedule.at(Math.max((double) steps / totalSteps, budget.progress()));
                    session.setLearningRate(lr);
                    Batch batch = pipeline.next();
                    lossSum += session.step(batch);
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
                throw new IllegalStateException("training diverged in epoch " + (epoch + 1) + " (loss " + trainLoss
                        + "); lower the learning rate (was " + config.learningRate() + "); the last good checkpoint is in "
                        + checkpointDir);
            }
            Evaluation eval = data.val().size() == 0 ? null
                    : Validation.score(session.network(), preprocessor, data.val(), data.classes(), steps);
            EpochStats stats = new EpochStats(epoch + 1, trainLoss, eval == null ? Double.NaN : eval.logLoss(),
                    eval == null ? Double.NaN : eval.accuracy(), lossCount * (double) config.batchSize() / epochSeconds,
                    epochSeconds, lr, wait / 1e9 / epochSeconds);
            history.add(stats);
            boolean improved = eval == null || eval.logLoss() < bestLoss;
            if (improved) {
                bestLoss = eval == null ? Double.NaN : eval.logLoss();
                bestEpoch = epoch + 1;
                output.write(session, eval, stats, history);
            }
            print(stats, improved, epoch, budget);
            Checkpoint.save(checkpointDir, new Checkpoint.State(Checkpoint.FORMAT_VERSION, epoch + 1, steps,
                    budget.wallSeconds(), budget.cpuSeconds(), bestLoss, bestEpoch, data.fingerprint(),
                    settings.configMap(), preprocess.mean(), preprocess.std(), null, null, null, history), session);
        }
        return new Progress(history.size(), steps, budget.wallSeconds(), budget.cpuSeconds(), bestLoss, bestEpoch,
                history);
    }

    private void print(EpochStats s, boolean improved, int epoch, Budget budget) {
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
}
