package org.plankton.core.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.plankton.core.bundle.AtomicFiles;
import org.plankton.core.data.ClassList;
import org.plankton.core.data.Csv;

/**
 * Everything we report about a model on a labelled set, as one immutable value. Log loss is the
 * competition metric; accuracy and top-5 are what biologists ask about; per-class numbers and the
 * confusion matrix show which taxa are confused; calibration error says whether the
 * probabilities can be trusted as probabilities (e.g. for abundance estimates).
 *
 * @param images                    number of images evaluated
 * @param logLoss                   Kaggle NDSB log loss ({@link LogLoss})
 * @param accuracy                  share of images whose top class is the true class
 * @param top5Accuracy              share whose true class is among the 5 most probable
 *                                  (ties: lower index first)
 * @param expectedCalibrationError  top-label ECE with 15 bins ({@link CalibrationError})
 * @param perClass                  one entry per class, in class-index order
 * @param confusion                 {@code confusion[true][predicted]} image counts; the accessor
 *                                  returns a copy so the value stays immutable
 * @param classNames                class names in index order
 */
public record Evaluation(int images, double logLoss, double accuracy, double top5Accuracy,
                         double expectedCalibrationError, List<ClassMetrics> perClass, int[][] confusion,
                         List<String> classNames) {

    private static final int TOP_K = 5;

    public Evaluation {
        if (images < 0) {
            throw new IllegalArgumentException("images must be >= 0, got " + images);
        }
        perClass = List.copyOf(perClass);
        classNames = List.copyOf(classNames);
        int k = classNames.size();
        if (perClass.size() != k) {
            throw new IllegalArgumentException("perClass has " + perClass.size() + " entries, expected " + k);
        }
        if (confusion.length != k) {
            throw new IllegalArgumentException("confusion has " + confusion.length + " rows, expected " + k);
        }
        int[][] copy = new int[k][];
        for (int i = 0; i < k; i++) {
            if (confusion[i].length != k) {
                throw new IllegalArgumentException("confusion row " + i + " has " + confusion[i].length
                        + " columns, expected " + k);
            }
            copy[i] = confusion[i].clone();
        }
        confusion = copy;
    }

    /**
     * Evaluates probabilities (one row per image, one column per class of {@code classes}) against
     * true labels. The predicted class is the most probable one, ties going to the lower index.
     */
    public static Evaluation of(float[][] probs, int[] labels, ClassList classes) {
        if (classes == null) {
            throw new IllegalArgumentException("classes must not be null");
        }
        int k = ProbabilityRows.validate(probs, labels);
        if (k != classes.size()) {
            throw new IllegalArgumentException("probability rows have " + k + " columns but the class list has "
                    + classes.size() + " classes");
        }
        int n = probs.length;
        int[][] confusion = new int[k][k];
        int correct = 0;
        int top5 = 0;
        for (int i = 0; i < n; i++) {
            int predicted = ProbabilityRows.argmax(probs[i]);
            confusion[labels[i]][predicted]++;
            if (predicted == labels[i]) {
                correct++;
            }
            if (ProbabilityRows.rank(probs[i], labels[i]) < TOP_K) {
                top5++;
            }
        }
        List<ClassMetrics> perClass = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            int support = 0;
            int predicted = 0;
            for (int j = 0; j < k; j++) {
                support += confusion[c][j];
                predicted += confusion[j][c];
            }
            perClass.add(ClassMetrics.fromCounts(classes.name(c), confusion[c][c], predicted, support));
        }
        return new Evaluation(n, LogLoss.of(probs, labels), (double) correct / n, (double) top5 / n,
                CalibrationError.expected(probs, labels), perClass, confusion, classes.names());
    }

    @Override
    public int[][] confusion() {
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** The headline numbers under snake_case keys, in a fixed order, for JSON output. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("images", images);
        m.put("log_loss", logLoss);
        m.put("accuracy", accuracy);
        m.put("top5_accuracy", top5Accuracy);
        m.put("expected_calibration_error", expectedCalibrationError);
        return m;
    }

    /**
     * Writes the confusion matrix as CSV (atomically): header {@code true\predicted,<classes...>},
     * then one row per true class starting with its name.
     */
    public void writeConfusionCsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>();
        header.add("true\\predicted");
        header.addAll(classNames);
        sb.append(Csv.line(header)).append('\n');
        for (int i = 0; i < confusion.length; i++) {
            List<String> row = new ArrayList<>();
            row.add(classNames.get(i));
            for (int count : confusion[i]) {
                row.add(Integer.toString(count));
            }
            sb.append(Csv.line(row)).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Writes per-class metrics as CSV (atomically): {@code class,support,precision,recall,f1}. */
    public void writePerClassCsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("class,support,precision,recall,f1\n");
        for (ClassMetrics m : perClass) {
            sb.append(Csv.line(List.of(m.name(), Integer.toString(m.support()), format(m.precision()),
                    format(m.recall()), format(m.f1())))).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation e && images == e.images
                && Double.compare(logLoss, e.logLoss) == 0 && Double.compare(accuracy, e.accuracy) == 0
                && Double.compare(top5Accuracy, e.top5Accuracy) == 0
                && Double.compare(expectedCalibrationError, e.expectedCalibrationError) == 0
                && perClass.equals(e.perClass) && Arrays.deepEquals(confusion, e.confusion)
                && classNames.equals(e.classNames);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hash(images, logLoss, accuracy, top5Accuracy, expectedCalibrationError,
                perClass, classNames) + Arrays.deepHashCode(confusion);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Evaluation[images=%d, logLoss=%.5f, accuracy=%.4f, top5Accuracy=%.4f, "
                + "ece=%.4f, classes=%d]", images, logLoss, accuracy, top5Accuracy, expectedCalibrationError,
                classNames.size());
    }
}
