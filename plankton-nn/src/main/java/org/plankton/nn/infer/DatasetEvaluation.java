package org.plankton.nn.infer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.plankton.core.data.LabelledDataset;
import org.plankton.core.data.Sample;
import org.plankton.core.data.SkippedFile;
import org.plankton.core.metrics.Evaluation;

/**
 * Scores a model on every image of a labelled folder (or CSV manifest) whose class the model knows.
 *
 * @param evaluation the metrics over the readable images
 * @param skipped    folders or rows that were not used (unknown class, missing file)
 * @param unreadable images that could not be decoded, with the reason
 */
public record DatasetEvaluation(Evaluation evaluation, List<SkippedFile> skipped, List<SkippedFile> unreadable) {

    /** Receives each scored image with its true label, in dataset order. */
    @FunctionalInterface
    public interface PerImage {
        void accept(Path file, int label, float[] probabilities) throws IOException;
    }

    public static DatasetEvaluation run(Classifier classifier, LabelledDataset dataset, LongConsumer progress)
            throws IOException, InterruptedException {
        return run(classifier, dataset, progress, null);
    }

    /** As {@link #run(Classifier, LabelledDataset, LongConsumer)}, also handing each image to {@code perImage} (may be null). */
    public static DatasetEvaluation run(Classifier classifier, LabelledDataset dataset, LongConsumer progress,
                                        PerImage perImage) throws IOException, InterruptedException {
        List<Sample> samples = dataset.samples();
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no images of the model's classes to evaluate"
                    + (dataset.skipped().isEmpty() ? "" : " (" + dataset.skipped().size() + " skipped: "
                    + dataset.skipped().get(0) + (dataset.skipped().size() > 1 ? ", ..." : "") + ")"));
        }
        List<Path> files = samples.stream().map(Sample::path).toList();
        List<float[]> probs = new ArrayList<>(files.size());
        List<Integer> labels = new ArrayList<>(files.size());
        List<SkippedFile> unreadable = new ArrayList<>();
        int[] position = {0};
        classifier.classifyFiles(files, new ResultSink() {
            @Override
            public void result(Path file, float[] p) throws IOException {
                int label = samples.get(position[0]++).label();
                probs.add(p);
                labels.add(label);
                if (perImage != null) {
                    perImage.accept(file, label, p);
                }
            }

            @Override
            public void failure(Path file, String reason) {
                unreadable.add(new SkippedFile(file, SkippedFile.Kind.UNREADABLE, reason));
                position[0]++;
            }
        }, progress);
        if (probs.isEmpty()) {
            throw new IllegalArgumentException("none of the " + files.size() + " images could be read; first error: "
                    + unreadable.get(0));
        }
        Evaluation eval = Evaluation.of(probs.toArray(new float[0][]), labels.stream().mapToInt(Integer::intValue).toArray(),
                classifier.classes());
        return new DatasetEvaluation(eval, dataset.skipped(), unreadable);
    }
}
