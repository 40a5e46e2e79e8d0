package org.plankton.nn.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.plankton.core.data.ClassList;
import org.plankton.core.data.DataFingerprint;
import org.plankton.core.data.Datasets;
import org.plankton.core.data.LabelledDataset;
import org.plankton.core.data.SkipCounts;
import org.plankton.core.data.SkippedFile;
import org.plankton.core.data.StratifiedSplit;
import org.plankton.core.preprocess.Preprocessor;
import org.plankton.nn.arch.InputLayout;

/**
 * A run's data, ready to train on: the dataset (classes with too few images left out), its
 * fingerprint and stratified split, both halves decoded into memory, the pseudo-labelled images when
 * distilling, and every file that was not used, with the reason.
 *
 * @param pseudo null without pseudo-labelling
 */
record TrainingData(ClassList classes, String fingerprint, DecodedImages train, DecodedImages val, PseudoLabels pseudo,
                    Distillation distillation, List<SkippedFile> skipped) {

    /** Share of the heap for the cache of decoded training images when streaming (validation: a third of that). */
    static final double STREAM_CACHE_SHARE = 0.15;
    /** Loader threads when streaming: they decode as well as augment. */
    static final int STREAM_LOADER_THREADS = 2;

    static TrainingData prepare(Path data, TrainConfig config, Distillation distill, PrintStream out)
            throws IOException, InterruptedException {
        return prepare(data, config, distill, DataLoading.MEMORY, out);
    }

    static TrainingData prepare(Path data, TrainConfig config, Distillation distill, DataLoading loading, PrintStream out)
            throws IOException, InterruptedException {
        return prepare(data, config, distill, loading, null, out);
    }

    /**
     * As {@link #prepare(Path, TrainConfig, Distillation, DataLoading, PrintStream)}; {@code cacheDir}, when
     * given, keeps the teacher's targets (see {@link TeacherTargetCache}) for a resumed run.
     */
    static TrainingData prepare(Path data, TrainConfig config, Distillation distill, DataLoading loading, Path cacheDir,
                                PrintStream out) throws IOException, InterruptedException {
        LabelledDataset everything = Datasets.read(data);
        LabelledDataset dataset = everything.keepClassesWithAtLeast(config.minImagesPerClass());
        if (dataset.classes().size() < everything.classes().size()) {
            out.printf("left out %d of %d classes (%d images) with fewer than %d images%n",
                    everything.classes().size() - dataset.classes().size(), everything.classes().size(),
                    everything.samples().size() - dataset.samples().size(), config.minImagesPerClass());
        }
        ClassList classes = dataset.classes();
        if (classes.size() < 2) {
            throw new IllegalArgumentException("training needs at least 2 classes, found " + classes.size() + " in " + data);
        }
        List<SkippedFile> skipped = new ArrayList<>(dataset.skipped());
        String fingerprint = DataFingerprint.of(dataset.samples(), classes);
        StratifiedSplit.Split split = StratifiedSplit.split(dataset.samples(), config.valFraction(), config.seed());
        out.printf("data: %d images in %d classes (%s), split seed %d: %d train, %d validation%n",
                dataset.samples().size(), classes.size(), data, config.seed(), split.train().size(),
                split.validation().size());

        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        long heap = Runtime.getRuntime().maxMemory();
        DecodedImages train;
        DecodedImages val;
        if (loading.streams(dataset.samples(), heap, out)) {
            long cache = Math.round(heap * STREAM_CACHE_SHARE);
            train = DecodedImages.stream(split.train(), cache);
            val = DecodedImages.stream(split.validation(), cache / 3);
            out.printf("streaming: images decoded by the loader threads as batches need them, cache %d MB (train) "
                    + "+ %d MB (validation); unreadable files are reported as they are met%n", cache >> 20, (cache / 3) >> 20);
        } else {
            train = DecodedImages.decode(split.train(), "decode train", threads, out);
            val = DecodedImages.decode(split.validation(), "decode validation", threads, out);
        }
        skipped.addAll(train.failures());
        skipped.addAll(val.failures());
        PseudoLabels pseudo = distill == null ? null : PseudoLabels.label(distill, split, classes, threads, skipped, cacheDir,
                out);
        report(skipped, out);
        if (train.size() < config.batchSize()) {
            throw new IllegalArgumentException("only " + train.size() + " readable training images, fewer than one batch of "
                    + config.batchSize());
        }
        return new TrainingData(classes, fingerprint, train, val, pseudo, distill, List.copyOf(skipped));
    }

    private static void report(List<SkippedFile> skipped, PrintStream out) {
        if (skipped.isEmpty()) {
            return;
        }
        out.printf("skipped %d unusable file(s) (%s):%n", skipped.size(), SkipCounts.of(skipped).describe());
        skipped.stream().limit(20).forEach(s -> out.println("  " + s));
        if (skipped.size() > 20) {
            out.printf("  ... and %d more%n", skipped.size() - 20);
        }
    }

    /** Images per epoch: every labelled one, plus the unlabelled share when distilling. */
    int epochImages() {
        return pseudo == null ? train.size()
                : train.size() + Distillation.unlabeledPerEpoch(train.size(), distillation.share());
    }

    /** The batches of one epoch, in an order fixed by (train seed, epoch). */
    BatchPipeline pipeline(TrainConfig config, Preprocessor preprocessor, int epoch, InputLayout layout) {
        if (pseudo != null) {
            int[] order = Distillation.epochOrder(train.size(), pseudo.images().size(), distillation.share(),
                    config.trainSeed(), epoch);
            return pseudo.pipeline(train, order, classes.size(), config, preprocessor, epoch, layout, loaderThreads(config));
        }
        return new BatchPipeline(train.images(), train.labels(), null, classes.size(),
                shuffledOrder(train.size(), config.trainSeed(), epoch), config.batchSize(), preprocessor, config.augment(),
                config.trainSeed() * 1_000_003L + epoch, loaderThreads(config), config.mixup(), layout);
    }

    /** The configured loader threads, but at least {@link #STREAM_LOADER_THREADS} when they also decode. */
    int loaderThreads(TrainConfig config) {
        return train.streaming() ? Math.max(STREAM_LOADER_THREADS, config.loaderThreads()) : config.loaderThreads();
    }

    /** Every file left out: found while listing and decoding, and (streaming) met during training so far. */
    List<SkippedFile> allSkipped() {
        if (!train.streaming()) {
            return skipped;
        }
        List<SkippedFile> all = new ArrayList<>(skipped);
        all.addAll(train.allFailures());
        all.addAll(val.allFailures());
        return all;
    }

    static int[] shuffledOrder(int n, long seed, int epoch) {
        return Shuffle.permutation(n, new Random(seed * 31 + epoch));
    }
}
