package org.plankton.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.data.ClassList;

class ProbabilityCsvWriterTest {

    @TempDir
    Path tmp;

    final ClassList classes = ClassList.of(List.of("copepod", "diatom, chain", "detritus"));

    @Test
    void writesHeaderRowsAndErrorsThenCommitsAtomically() throws Exception {
        Path out = tmp.resolve("pred.csv");
        Path errors = tmp.resolve("pred.csv.errors.csv");
        try (ProbabilityCsvWriter w = ProbabilityCsvWriter.open(out, errors, classes)) {
            w.row("a.jpg", new float[] {0.5f, 0.25f, 0.25f});
            w.error("bad,name.jpg", "empty file (0 bytes)");
            w.row("b.jpg", new float[] {1e-7f, 0f, 0.9999999f});
            w.flush();
            assertThat(out).doesNotExist();
            assertThat(tmp.resolve("pred.csv.part")).exists();
            w.commit();
        }
        assertThat(Files.readAllLines(out)).containsExactly(
                "image,copepod,detritus,\"diatom, chain\"",
                "a.jpg,0.5,0.25,0.25",
                "b.jpg,1.0E-7,0.0,0.9999999");
        assertThat(Files.readAllLines(errors)).containsExactly("image,error", "\"bad,name.jpg\",empty file (0 bytes)");
        assertThat(tmp.resolve("pred.csv.part")).doesNotExist();
    }

    @Test
    void withoutCommitThePartFileKeepsFinishedRows() throws Exception {
        Path out = tmp.resolve("pred.csv");
        try (ProbabilityCsvWriter w = ProbabilityCsvWriter.open(out, tmp.resolve("e.csv"), classes)) {
            w.row("a.jpg", new float[] {0.5f, 0.25f, 0.25f});
            w.flush();
        }
        assertThat(out).doesNotExist();
        assertThat(Files.readAllLines(tmp.resolve("pred.csv.part"))).hasSize(2);
    }

    @Test
    void staleErrorsFileIsRemovedWhenARunHasNoErrors() throws Exception {
        Path errors = Files.writeString(tmp.resolve("e.csv"), "image,error\nold.jpg,old\n");
        try (ProbabilityCsvWriter w = ProbabilityCsvWriter.open(tmp.resolve("p.csv"), errors, classes)) {
            w.row("a.jpg", new float[] {0.5f, 0.25f, 0.25f});
            w.commit();
        }
        assertThat(errors).doesNotExist();
    }

    @Test
    void rejectsRowsOfTheWrongWidth() throws Exception {
        try (ProbabilityCsvWriter w = ProbabilityCsvWriter.open(tmp.resolve("p.csv"), tmp.resolve("e.csv"), classes)) {
            assertThatThrownBy(() -> w.row("a.jpg", new float[] {1f})).hasMessageContaining("expected 3");
        }
    }

    /** Resumed (see core.resume): rows appended after the kept ones; an old errors part does not outlive the run. */
    @Test
    void resumeAppendsToThePartAndLeavesNoStaleErrorsPart() throws Exception {
        Path out = tmp.resolve("pred.csv");
        Path errors = tmp.resolve("pred.csv.errors.csv");
        String header = ProbabilityCsvWriter.header(classes);
        Files.writeString(ProbabilityCsvWriter.partOf(out), header + "\na.jpg,0.5,0.25,0.25\n");
        Files.writeString(ProbabilityCsvWriter.partOf(errors), "image,error\nx.jpg,trunc");
        try (ProbabilityCsvWriter w = ProbabilityCsvWriter.resume(out, errors, classes, 1)) {
            w.row("b.jpg", new float[] {1f, 0f, 0f});
            assertThat(w.rows()).isEqualTo(2);
            w.commit();
        }
        assertThat(Files.readAllLines(out)).containsExactly(header, "a.jpg,0.5,0.25,0.25", "b.jpg,1.0,0.0,0.0");
        assertThat(ProbabilityCsvWriter.partOf(errors)).doesNotExist();
        assertThat(errors).doesNotExist();
    }
}
