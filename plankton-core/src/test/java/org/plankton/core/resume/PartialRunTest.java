package org.plankton.core.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.data.ClassList;
import org.plankton.core.output.ProbabilityCsvWriter;

/**
 * A kill at every byte of a run's output, then a resume: the finished CSV and errors file must be
 * the uninterrupted run's, byte for byte. The "classifier" here is a function of the image's index,
 * written in chunks with a flush after each, as ClassifyCommand writes; whether a real network gives
 * the same floats again is the CLI test's business (ClassifyResumeTest).
 */
class PartialRunTest {

    private static final int CHUNK = 4;
    private static final ClassList CLASSES = ClassList.of(List.of("copepod", "diatom, chain", "detritus"));

    @TempDir
    Path tmp;

    /** 23 images; every fifth does not decode; names with a comma and a quote need CSV quoting. */
    private final List<Path> images = new ArrayList<>();

    {
        for (int i = 0; i < 23; i++) {
            images.add(Path.of("in", i == 7 ? "odd, \"name\" " + i + ".png" : String.format("img_%03d.png", i)));
        }
    }

    private Path out() {
        return tmp.resolve("pred.csv");
    }

    private Path errors() {
        return tmp.resolve("pred.csv.errors.csv");
    }

    private RunRecord record(int tta) {
        return new RunRecord().check("model", "m@0123456789ab").check("tta", tta).check("inputs", List.of("in"))
                .note("threads", 2);
    }

    private static float[] probabilities(int i) {
        float a = (i * 37 % 100) / 173f;
        return new float[] {a, 1f / (i + 3), 1 - a - 1f / (i + 3)};
    }

    /** What ClassifyCommand does with a PartialRun; {@code commit} false: killed after the last flush. */
    private void classify(boolean resume, boolean commit, PrintStream notes) throws Exception {
        try (PartialRun run = PartialRun.open(out(), errors(), CLASSES, record(1), resume, images, CHUNK, notes)) {
            ProbabilityCsvWriter csv = run.writer();
            csv.error("in/notes.txt", "not an image"); // the listing's own errors come first
            run.rewriteFailures();
            for (int i = run.done(); i < images.size(); i++) {
                if (i % 5 == 2) {
                    csv.error(images.get(i).toString(), "truncated JPEG");
                } else {
                    csv.row(images.get(i).toString(), probabilities(i));
                }
                if ((i + 1) % CHUNK == 0) {
                    csv.flush();
                }
            }
            if (commit) {
                csv.commit();
            }
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void aRunKilledAtAnyByteResumesToTheUninterruptedRunsFiles() throws Exception {
        classify(false, true, quiet());
        byte[] clean = Files.readAllBytes(out());
        byte[] cleanErrors = Files.readAllBytes(errors());
        assertThat(RunRecord.sidecarOf(ProbabilityCsvWriter.partOf(out()))).doesNotExist();

        Files.delete(out());
        Files.delete(errors());
        classify(false, false, quiet()); // everything written, never committed
        Path part = ProbabilityCsvWriter.partOf(out());
        Path errorsPart = ProbabilityCsvWriter.partOf(errors());
        Path sidecar = RunRecord.sidecarOf(part);
        byte[] rows = Files.readAllBytes(part);
        byte[] failures = Files.readAllBytes(errorsPart);
        byte[] record = Files.readAllBytes(sidecar);
        assertThat(rows).isEqualTo(clean);
        byte[] listingErrorsOnly = "image,error\nin/notes.txt,not an image\n".getBytes(StandardCharsets.UTF_8);
        for (byte[] errorsAtKill : List.of(failures, listingErrorsOnly, Arrays.copyOf(failures, failures.length - 3))) {
            for (int cut = 0; cut <= rows.length; cut++) {
                Files.write(part, Arrays.copyOf(rows, cut));
                Files.write(errorsPart, errorsAtKill);
                Files.write(sidecar, record);
                classify(true, true, quiet());
                assertThat(Files.readAllBytes(out())).as("cut at byte %d", cut).isEqualTo(clean);
                assertThat(Files.readAllBytes(errors())).as("errors, cut at byte %d", cut).isEqualTo(cleanErrors);
                assertThat(part).doesNotExist();
                assertThat(sidecar).doesNotExist();
            }
        }
    }

    @Test
    void keptRowsStopAtTheLastWholeChunkAndAPartialRowIsCut() throws Exception {
        classify(false, false, quiet());
        Path part = ProbabilityCsvWriter.partOf(out());
        List<String> lines = Files.readAllLines(part);
        // header + the rows of images 0..9 (2 and 7 failed: 8 rows), then half of image 10's row
        String kept = String.join("\n", lines.subList(0, 9)) + "\n";
        Files.writeString(part, kept + lines.get(9).substring(0, 10));
        ResumePoint p = ResumePoint.find(part, ProbabilityCsvWriter.partOf(errors()), ProbabilityCsvWriter.header(CLASSES),
                3, images, CHUNK);
        assertThat(p.partialLine()).isTrue();
        assertThat(p.rowsFound()).isEqualTo(8);
        assertThat(p.images()).isEqualTo(8); // images 8 and 9 are past the last whole chunk
        assertThat(p.rows()).isEqualTo(6);
        assertThat(p.failures()).containsExactly(List.of(images.get(2).toString(), "truncated JPEG"),
                List.of(images.get(7).toString(), "truncated JPEG"));
        List<String> replayed = new ArrayList<>();
        p.replay((image, probs) -> {
            int i = images.indexOf(image);
            assertThat(probs).as(image.toString()).containsExactly(probabilities(i));
            replayed.add(image.toString());
        });
        assertThat(replayed).hasSize(6);
        p.truncate();
        assertThat(Files.readString(part)).isEqualTo(String.join("\n", lines.subList(0, 7)) + "\n");
    }

    @Test
    void anotherHeaderOrRecordIsRefusedAndThePartLeftAlone() throws Exception {
        classify(false, false, quiet());
        Path part = ProbabilityCsvWriter.partOf(out());
        byte[] before = Files.readAllBytes(part);
        assertThatThrownBy(() -> PartialRun.open(out(), errors(), CLASSES, record(4), true, images, CHUNK, quiet()))
                .isInstanceOf(ResumeRefused.class).hasMessageContaining("tta 1 then, 4 now")
                .hasMessageNotContaining("threads");
        ClassList other = ClassList.of(List.of("a", "b", "c"));
        assertThatThrownBy(() -> PartialRun.open(out(), errors(), other, record(1), true, images, CHUNK, quiet()))
                .isInstanceOf(ResumeRefused.class).hasMessageContaining("another header");
        Files.delete(RunRecord.sidecarOf(part));
        assertThatThrownBy(() -> PartialRun.open(out(), errors(), CLASSES, record(1), true, images, CHUNK, quiet()))
                .isInstanceOf(ResumeRefused.class).hasMessageContaining("no pred.csv.part.json records the model");
        assertThat(Files.readAllBytes(part)).isEqualTo(before);
    }

    @Test
    void resumeWithoutAPartStartsFreshAndAFreshRunOverAPartMentionsResume() throws Exception {
        ByteArrayOutputStream notes = new ByteArrayOutputStream();
        classify(true, false, new PrintStream(notes, true, StandardCharsets.UTF_8));
        assertThat(notes.toString(StandardCharsets.UTF_8)).contains("no " + ProbabilityCsvWriter.partOf(out())
                + " to resume: classifying from the start");
        notes.reset();
        classify(false, true, new PrintStream(notes, true, StandardCharsets.UTF_8));
        assertThat(notes.toString(StandardCharsets.UTF_8)).contains("replacing").contains("--resume would continue it");
    }

    @Test
    void recordsRoundTripAndNameWhatDiffers() throws Exception {
        Path file = tmp.resolve("r.json");
        record(1).write(file);
        RunRecord back = RunRecord.read(file);
        assertThat(record(1).differencesFrom(back)).isEmpty();
        assertThat(record(1).notesAgainst(back)).isEmpty();
        RunRecord other = new RunRecord().check("model", "m@0123456789ab").check("tta", 1).check("inputs", List.of("x"))
                .note("threads", 8);
        assertThat(other.differencesFrom(back)).containsExactly("inputs in then, x now");
        assertThat(other.notesAgainst(back)).containsExactly("threads 2 then, 8 now");
        Files.writeString(file, "{\"kind\":\"something else\"}");
        assertThatThrownBy(() -> RunRecord.read(file)).isInstanceOf(ResumeRefused.class);
        Files.writeString(file, "{\"kind\":");
        assertThatThrownBy(() -> RunRecord.read(file)).isInstanceOf(ResumeRefused.class).hasMessageContaining("damaged");
    }

    /** One writer per output: a second run on the same part is refused while the first holds it, here or in another process. */
    @Test
    void aSecondWriterOfTheSamePartIsRefused() throws Exception {
        Path part = ProbabilityCsvWriter.partOf(out());
        try (PartialRun first = PartialRun.open(out(), errors(), CLASSES, record(1), false, images, CHUNK, quiet())) {
            first.writer().row("in/img_000.png", probabilities(0));
            first.writer().flush();
            assertThatThrownBy(() -> PartialRun.open(out(), errors(), CLASSES, record(1), true, images, CHUNK, quiet()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("another plankton classify is writing " + part);
        }
        assertThat(Files.readAllLines(part)).hasSize(2);

        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HoldLock.class.getName(),
                part.toString()).redirectErrorStream(true).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            assertThat(line).isEqualTo("locked");
            assertThatThrownBy(() -> PartialRun.open(out(), errors(), CLASSES, record(1), true, images, CHUNK, quiet()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("another plankton classify");
        } finally {
            holder.destroyForcibly(); // SIGKILL: the operating system lets go of a killed process's lock
            holder.waitFor();
        }
        assertThat(Files.readAllLines(part)).hasSize(2);
        classify(true, true, quiet());
        assertThat(Files.readAllLines(out())).hasSize(1 + 18); // 23 images, 5 of them failures
    }
}
