package org.plankton.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.data.ClassList;

/** evaluate --predictions and classify write their probabilities in the same form ({@link ProbabilityCsv}). */
class LabelledPredictionsCsvTest {

    @TempDir
    Path tmp;

    final ClassList classes = ClassList.of(List.of("copepod", "diatom, chain", "detritus"));

    @Test
    void writesTheSameBytesAsBefore() throws Exception {
        Path out = tmp.resolve("sub/pred.csv");
        try (LabelledPredictionsCsv w = LabelledPredictionsCsv.open(out, classes)) {
            w.row(Path.of("in", "diatom, chain", "a.jpg"), 2, new float[] {1e-7f, 0f, 0.9999999f});
            w.row(Path.of("b.jpg"), 0, new float[] {0.5f, 0.25f, 0.25f});
            assertThat(out).doesNotExist();
            w.commit();
        }
        String sep = java.io.File.separator;
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(
                "image,label,copepod,detritus,\"diatom, chain\"\n"
                        + "\"in" + sep + "diatom, chain" + sep + "a.jpg\",\"diatom, chain\",1.0E-7,0.0,0.9999999\n"
                        + "b.jpg,copepod,0.5,0.25,0.25\n");
        assertThat(tmp.resolve("sub/pred.csv.part")).doesNotExist();
    }

    @Test
    void withoutCommitNothingLooksWhole() throws Exception {
        Path out = tmp.resolve("pred.csv");
        try (LabelledPredictionsCsv w = LabelledPredictionsCsv.open(out, classes)) {
            w.row(Path.of("b.jpg"), 0, new float[] {0.5f, 0.25f, 0.25f});
        }
        assertThat(out).doesNotExist();
        assertThat(tmp.resolve("pred.csv.part")).doesNotExist();
    }

    @Test
    void classifyAndEvaluateShareTheForm() {
        assertThat(ProbabilityCsvWriter.header(classes)).isEqualTo(ProbabilityCsv.header(classes, "image"))
                .isEqualTo("image,copepod,detritus,\"diatom, chain\"");
        assertThat(ProbabilityCsv.row(new float[] {0.5f, 1e-7f}, "x,y.jpg", "a"))
                .isEqualTo("\"x,y.jpg\",a,0.5,1.0E-7");
    }
}
