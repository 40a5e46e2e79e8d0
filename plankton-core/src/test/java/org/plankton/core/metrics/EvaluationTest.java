package org.plankton.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.data.ClassList;

class EvaluationTest {

    private static final ClassList CLASSES = ClassList.ordered(List.of("amoeba", "bristle, worm", "copepod"));
    private static final float[][] PROBS = {
            {0.7f, 0.2f, 0.1f},   // true amoeba  -> amoeba (right)
            {0.1f, 0.6f, 0.3f},   // true copepod -> bristle (wrong)
            {0.2f, 0.5f, 0.3f},   // true bristle -> bristle (right)
            {0.5f, 0.3f, 0.2f}};  // true copepod -> amoeba (wrong)
    private static final int[] LABELS = {0, 2, 1, 2};

    @TempDir
    Path dir;

    @Test
    void headlineNumbers() {
        Evaluation e = Evaluation.of(PROBS, LABELS, CLASSES);
        assertThat(e.images()).isEqualTo(4);
        assertThat(e.accuracy()).isEqualTo(0.5);
        assertThat(e.top5Accuracy()).isEqualTo(1.0);
        assertThat(e.logLoss()).isCloseTo(-(Math.log(0.7) + Math.log(0.3) + Math.log(0.5) + Math.log(0.2)) / 4,
                within(1e-6));
        assertThat(e.expectedCalibrationError()).isEqualTo(CalibrationError.expected(PROBS, LABELS));
        assertThat(e.classNames()).isEqualTo(CLASSES.names());
    }

    @Test
    void confusionIsTrueByPredicted() {
        Evaluation e = Evaluation.of(PROBS, LABELS, CLASSES);
        assertThat(e.confusion()).isDeepEqualTo(new int[][] {{1, 0, 0}, {0, 1, 0}, {1, 1, 0}});
        e.confusion()[0][0] = 99;
        assertThat(e.confusion()[0][0]).isEqualTo(1);
    }

    @Test
    void perClassPrecisionRecallF1() {
        List<ClassMetrics> pc = Evaluation.of(PROBS, LABELS, CLASSES).perClass();
        assertThat(pc.get(0)).isEqualTo(new ClassMetrics("amoeba", 1, 0.5, 1.0, 2.0 / 3));
        assertThat(pc.get(1)).isEqualTo(new ClassMetrics("bristle, worm", 1, 0.5, 1.0, 2.0 / 3));
        // never predicted: precision, recall and F1 are 0 by definition
        assertThat(pc.get(2)).isEqualTo(new ClassMetrics("copepod", 2, 0, 0, 0));
    }

    @Test
    void topFiveCountsTiesByLowerIndex() {
        ClassList seven = ClassList.of(List.of("a", "b", "c", "d", "e", "f", "g"));
        float[] uniform = {1, 1, 1, 1, 1, 1, 1};
        float[] sixth = {0.3f, 0.2f, 0.15f, 0.12f, 0.1f, 0.08f, 0.05f};
        Evaluation e = Evaluation.of(new float[][] {uniform, uniform, sixth, sixth},
                new int[] {4, 5, 4, 5}, seven);
        // uniform: class 4 ranks 5th (in), class 5 ranks 6th (out); sixth: index 4 in, index 5 out
        assertThat(e.top5Accuracy()).isEqualTo(0.5);
        assertThat(e.accuracy()).isZero();
    }

    @Test
    void summaryHasSnakeCaseKeysInOrder() {
        Evaluation e = Evaluation.of(PROBS, LABELS, CLASSES);
        assertThat(e.summary()).containsExactly(
                org.assertj.core.api.Assertions.entry("images", 4),
                org.assertj.core.api.Assertions.entry("log_loss", e.logLoss()),
                org.assertj.core.api.Assertions.entry("accuracy", 0.5),
                org.assertj.core.api.Assertions.entry("top5_accuracy", 1.0),
                org.assertj.core.api.Assertions.entry("expected_calibration_error", e.expectedCalibrationError()));
    }

    @Test
    void writesCsvFilesWithQuotedNames() throws IOException {
        Evaluation e = Evaluation.of(PROBS, LABELS, CLASSES);
        Path confusion = dir.resolve("out/confusion.csv");
        Path perClass = dir.resolve("out/per_class.csv");
        e.writeConfusionCsv(confusion);
        e.writePerClassCsv(perClass);
        assertThat(Files.readAllLines(confusion)).containsExactly(
                "true\\predicted,amoeba,\"bristle, worm\",copepod",
                "amoeba,1,0,0",
                "\"bristle, worm\",0,1,0",
                "copepod,1,1,0");
        assertThat(Files.readAllLines(perClass)).containsExactly(
                "class,support,precision,recall,f1",
                "amoeba,1,0.500000,1.000000,0.666667",
                "\"bristle, worm\",1,0.500000,1.000000,0.666667",
                "copepod,2,0.000000,0.000000,0.000000");
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files).hasSize(2);
        }
    }

    @Test
    void classCountMustMatchColumns() {
        assertThatThrownBy(() -> Evaluation.of(PROBS, LABELS, ClassList.of(List.of("a", "b"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 columns but the class list has 2 classes");
    }
}
