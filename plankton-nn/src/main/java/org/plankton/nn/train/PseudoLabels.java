package org.plankton.nn.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.plankton.core.data.ClassList;
import org.plankton.core.data.Sample;
import org.plankton.core.data.SkippedFile;
import org.plankton.core.data.StratifiedSplit;
import org.plankton.core.image.GrayImage;
import org.plankton.core.preprocess.Preprocessor;
import org.plankton.nn.arch.InputLayout;

/** Unlabelled images, decoded, with the teacher's probabilities as their targets. */
record PseudoLabels(List<GrayImage> images, float[][] targets) {

    /**
     * Decodes the unlabelled images and has the teacher label them. Images that are also in the
     * validation split are left out (they would leak the teacher's knowledge of them into the
     * student's validation score), and so are unreadable ones (added to {@code skipped}).
     */
    static PseudoLabels label(Distillation distill, StratifiedSplit.Split split, ClassList classes, int threads,
                              List<SkippedFile> skipped, Path cacheDir, PrintStream out)
            throws IOException, InterruptedException {
        Set<Path> validation = new HashSet<>();
        split.validation().forEach(s -> validation.add(s.path().toAbsolutePath().normalize()));
        List<Sample> samples = new ArrayList<>();
        int overlap = 0;
        for (Path f : distill.files()) {
            if (validation.contains(f.toAbsolutePath().normalize())) {
                overlap++;
            } else {
                samples.add(new Sample(f, 0));
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
        TeacherTargetCache cache = cacheDir == null ? null
                : TeacherTargetCache.in(cacheDir, distill, samples.stream().map(Sample::path).toList());
        float[][] targets = cache == null ? null : cache.read(u.size(), classes.size());
        if (targets != null) {
            out.printf("pseudo-labels: the teacher's targets of an earlier start, %s%n", cache.file());
        } else if (cache == null) {
            targets = distill.teacherTargets(u.images(), classes, out);
        } else {
            TeacherTargetCache.Partial partial = cache.readPartial(u.size(), classes.size());
            if (partial.done() > 0) {
                out.printf("pseudo-labels: %d of %d images labelled by an earlier start (%s); labelling the rest%n",
                        partial.done(), u.size(), cache.partialFile());
            }
            targets = distill.teacherTargets(u.images(), classes, out, partial.targets(), partial.done(),
                    cache::writePartial, Distillation.SAVE_EVERY_NANOS);
            cache.write(targets);
        }
        out.printf("pseudo-labels: %d unlabelled images labelled by %s; %d per epoch (share %.2f)%n", u.size(),
                distill.teacher(), Distillation.unlabeledPerEpoch(split.train().size(), distill.share()), distill.share());
        return new PseudoLabels(u.images(), targets);
    }

    /** One epoch's batches over the labelled images (one-hot targets) and these (the teacher's). */
    BatchPipeline pipeline(DecodedImages train, int[] order, int classes, TrainConfig config, Preprocessor preprocessor,
                           int epoch, InputLayout layout, int loaderThreads) {
        // a view, not a copy: copying a streaming list would decode every labelled image
        List<GrayImage> labelled = train.images();
        List<GrayImage> all = new java.util.AbstractList<>() {
            @Override
            public GrayImage get(int i) {
                return i < labelled.size() ? labelled.get(i) : images.get(i - labelled.size());
            }

            @Override
            public int size() {
                return labelled.size() + images.size();
            }
        };
        int[] labels = Arrays.copyOf(train.labels(), all.size()); // unlabelled: unused 0
        float[][] soft = new float[all.size()][];
        System.arraycopy(targets, 0, soft, train.size(), targets.length);
        return new BatchPipeline(all, labels, soft, classes, order, config.batchSize(), preprocessor,
                config.augment(), config.trainSeed() * 1_000_003L + epoch, loaderThreads, config.mixup(),
                layout);
    }
}
