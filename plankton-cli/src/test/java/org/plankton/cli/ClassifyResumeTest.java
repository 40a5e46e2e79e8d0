package org.plankton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.testing.SyntheticPlankton;

/**
 * {@code classify --resume} after a real {@code kill -9}: a child JVM classifies, is killed once its
 * first rows are on disk, and the resumed run must end with the uninterrupted run's CSV, errors file
 * and counts, byte for byte. Both runs are on this machine with the same threads, so this does not
 * depend on any one CPU's rounding. Every kill position, including mid-row, is covered without a
 * network in core's PartialRunTest.
 */
class ClassifyResumeTest {

    @TempDir
    static Path tmp;
    static Path model;
    static Path input;

    @BeforeAll
    static void setUp() throws Exception {
        Path data = SyntheticPlankton.writeDataset(tmp.resolve("shapes"), 3, 24, 5);
        model = tmp.resolve("model");
        CliTest.Run r = CliTest.run("train", "--data", data.toString(), "--out", model.toString(), "--epochs", "1",
                "--image-size", "32", "--arch", "tiny", "--batch-size", "16", "--lr", "0.05", "--seed", "1");
        assertThat(r.code()).as(r.err()).isZero();
        // five sample folders for --counts, a text file and a broken PNG for the errors file
        input = SyntheticPlankton.writeDataset(tmp.resolve("in"), 5, 160, 9);
        Files.writeString(input.resolve("bar").resolve("notes.png"), "not an image");
        byte[] png = Files.readAllBytes(input.resolve("disc").resolve("disc_010.png"));
        Files.write(input.resolve("disc").resolve("disc_010b.png"), Arrays.copyOf(png, png.length / 2));
    }

    private static List<String> classify(Path out, String tta, String... extra) {
        List<String> args = new ArrayList<>(List.of("classify", "--model", model.toString(), "--out", out.toString(),
                "--counts", out.resolveSibling(out.getFileName() + ".counts.csv").toString(), "--tta", tta));
        args.addAll(List.of(extra));
        args.add(input.toString());
        return args;
    }

    @Test
    void aRunKilledMidWayResumesToTheSameFilesAsAnUninterruptedRun() throws Exception {
        Path clean = tmp.resolve("clean.csv");
        CliTest.Run c = CliTest.run(classify(clean, "2").toArray(String[]::new));
        assertThat(c.code()).as(c.err()).isZero();

        Path out = tmp.resolve("resumed.csv");
        Path part = tmp.resolve("resumed.csv.part");
        killMidWay(classify(out, "2"), part);
        assertThat(out).doesNotExist();
        assertThat(tmp.resolve("resumed.csv.part.json")).exists();
        long before = Files.readAllLines(part).size();

        // refusals leave the part alone
        byte[] kept = Files.readAllBytes(part);
        CliTest.Run tta = CliTest.run(classify(out, "3", "--resume").toArray(String[]::new));
        assertThat(tta.code()).as(tta.err()).isEqualTo(PlanktonCli.EXIT_USAGE);
        assertThat(tta.err()).contains("cannot resume " + part).contains("tta 2 then, 3 now").hasLineCount(1);
        Path sidecar = tmp.resolve("resumed.csv.part.json");
        String record = Files.readString(sidecar);
        Files.writeString(sidecar, record.replaceFirst("\"weights_sha256\" : \\[ \"[0-9a-f]{4}", "\"weights_sha256\" : [ \"zzzz"));
        CliTest.Run otherModel = CliTest.run(classify(out, "2", "--resume").toArray(String[]::new));
        assertThat(otherModel.code()).as(otherModel.err()).isEqualTo(PlanktonCli.EXIT_USAGE);
        assertThat(otherModel.err()).contains("weights_sha256 zzzz").doesNotContain("tta");
        assertThat(Files.readAllBytes(part)).isEqualTo(kept);
        Files.writeString(sidecar, record);

        CliTest.Run r = CliTest.run(classify(out, "2", "--resume").toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).containsPattern("resuming " + part.toString().replace("\\", "\\\\") + ": \\d+ of 801 images done")
                .contains("800 classified, 1 unreadable, 1 skipped as not images");
        assertThat(before).as("the kill landed mid-run").isBetween(2L, 800L);
        java.util.regex.Matcher done = java.util.regex.Pattern.compile("(\\d+) of 801 images done").matcher(r.err());
        assertThat(done.find()).isTrue();
        System.out.println("killed with " + before + " lines in the part; " + done.group() + " on resume");
        assertThat(Integer.parseInt(done.group(1))).as("whole batches were kept").isPositive();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(clean));
        assertThat(Files.readAllBytes(tmp.resolve("resumed.csv.errors.csv")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("clean.csv.errors.csv")));
        // counts: the kept rows are read back, so the samples' counts include them
        assertThat(Files.readAllBytes(tmp.resolve("resumed.csv.counts.csv")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("clean.csv.counts.csv")));
        assertThat(part).doesNotExist();
        assertThat(sidecar).doesNotExist();
    }

    @Test
    void resumeWithoutAPartStartsFreshAndARunOverAPartMentionsResume() throws Exception {
        Path out = tmp.resolve("fresh.csv");
        Path one = input.resolve("ring");
        CliTest.Run r = CliTest.run("classify", "--model", model.toString(), "--out", out.toString(), "--resume", one.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("no " + out + ".part to resume: classifying from the start");
        Files.writeString(tmp.resolve("fresh.csv.part"), "image,bar,cross,disc\n");
        CliTest.Run again = CliTest.run("classify", "--model", model.toString(), "--out", out.toString(), one.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("replacing " + out + ".part").contains("--resume would continue it");
        CliTest.Run noRecord = runOverPartWithoutRecord(out, one);
        assertThat(noRecord.code()).isEqualTo(PlanktonCli.EXIT_USAGE);
        assertThat(noRecord.err()).contains("no fresh.csv.part.json records the model and settings");
    }

    private static CliTest.Run runOverPartWithoutRecord(Path out, Path in) throws Exception {
        Files.writeString(tmp.resolve("fresh.csv.part"), "image,bar,cross,disc\n"); // as an older plankton left it
        return CliTest.run("classify", "--model", model.toString(), "--out", out.toString(), "--resume", in.toString());
    }

    /** Runs the CLI in a child JVM and SIGKILLs it (Process.destroyForcibly) once rows reach the part file. */
    private static void killMidWay(List<String> args, Path part) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-Dplankton.threads=" + System.getProperty("plankton.threads", "2"),
                "-cp", System.getProperty("java.class.path"), PlanktonCli.class.getName()));
        cmd.addAll(args);
        Path log = tmp.resolve("child.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (p.isAlive() && System.nanoTime() < deadline && lines(part) < 3) {
                Thread.sleep(2);
            }
            assertThat(p.isAlive()).as("the child was still classifying: %s", Files.readString(log)).isTrue();
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    private static long lines(Path file) throws Exception {
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] b = Files.readAllBytes(file);
        long n = 0;
        for (byte x : b) {
            n += x == '\n' ? 1 : 0;
        }
        return n;
    }
}
