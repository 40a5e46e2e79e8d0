package org.plankton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.testing.SyntheticPlankton;

/**
 * Conformal prediction sets for an ensemble: {@code fit-sets} fits them on the blend's probabilities
 * over the validation images its members share and stores them in the ensemble folder (never in a
 * member); {@code classify --details} then fills the prediction-set and reject columns for the
 * ensemble, as for one model; {@code convert} keeps them; members trained on different splits are
 * refused, since no validation image is then unseen by all of them.
 */
class EnsembleSetsTest {

    @TempDir
    static Path tmp;
    static Path data;
    static Path ensemble;

    @BeforeAll
    static void setUp() throws Exception {
        data = SyntheticPlankton.writeDataset(tmp.resolve("shapes"), 3, 30, 9);
        for (String seed : List.of("1", "2")) {
            CliTest.Run r = train(tmp.resolve("m" + seed), seed, "0.25");
            assertThat(r.code()).as(r.err()).isZero();
        }
        ensemble = tmp.resolve("ens");
        CliTest.Run e = CliTest.run("ensemble", "--models", tmp.resolve("m1").toString(), tmp.resolve("m2").toString(),
                "--data", data.toString(), "--out", ensemble.toString());
        assertThat(e.code()).as(e.err()).isZero();
    }

    private static CliTest.Run train(Path out, String trainSeed, String valFraction) {
        return CliTest.run("train", "--data", data.toString(), "--out", out.toString(), "--epochs", "2", "--seed", "3",
                "--train-seed", trainSeed, "--image-size", "24", "--arch", "tiny", "--batch-size", "16", "--lr", "0.05",
                "--val-fraction", valFraction);
    }

    @Test
    void setsAreFittedOnTheBlendAndUsedByClassifyAndKeptByConvert() throws Exception {
        Path memberSets = ensemble.resolve("members/0/conformal.json");
        byte[] before = Files.exists(memberSets) ? Files.readAllBytes(memberSets) : null;
        CliTest.Run fit = CliTest.run("fit-sets", "--model", ensemble.toString(), "--data", data.toString(), "--coverage",
                "0.8");
        assertThat(fit.code()).as(fit.err()).isZero();
        assertThat(fit.out()).contains("from 24 validation images");
        assertThat(ensemble.resolve("conformal.json")).exists();
        CliTest.Run info = CliTest.run("info", "--model", ensemble.toString());
        assertThat(info.code()).as(info.err()).isZero();
        assertThat(info.out()).contains("conformal sets fitted on the blend").contains("24 px").contains("held-out estimate")
                .contains("domain:");
        assertThat(Files.exists(memberSets) ? Files.readAllBytes(memberSets) : null).as("the member's own sets are untouched")
                .isEqualTo(before);

        Path details = tmp.resolve("details.csv");
        CliTest.Run c = CliTest.run("classify", "--model", ensemble.toString(), "--out", tmp.resolve("p.csv").toString(),
                "--details", details.toString(), data.toString());
        assertThat(c.code()).as(c.err()).isZero();
        List<String> rows = Files.readAllLines(details);
        List<String> header = List.of(rows.get(0).split(","));
        int set = header.indexOf("prediction_set");
        int accepted = header.indexOf("accepted");
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            assertThat(f[set]).as(row).isNotEmpty();
            assertThat(f[accepted]).as(row).isIn("true", "false");
        }

        // TTA means are not what the sets were fitted on: no sets then.
        Path tta = tmp.resolve("tta-details.csv");
        assertThat(CliTest.run("classify", "--model", ensemble.toString(), "--tta", "2", "--out",
                tmp.resolve("t.csv").toString(), "--details", tta.toString(), data.toString()).code()).isZero();
        assertThat(Files.readAllLines(tta).get(1).split(",", -1)[set]).isEmpty();

        Path half = tmp.resolve("ens-half");
        CliTest.Run conv = CliTest.run("convert", "--weights", "float16", "--no-onnx", "--model", ensemble.toString(),
                "--out", half.toString());
        assertThat(conv.code()).as(conv.err()).isZero();
        assertThat(half.resolve("conformal.json")).hasSameBinaryContentAs(ensemble.resolve("conformal.json"));
    }

    @Test
    void membersWithDifferentSplitsAreRefusedWithOneLine() throws Exception {
        Path other = tmp.resolve("m3");
        CliTest.Run r = train(other, "3", "0.3");
        assertThat(r.code()).as(r.err()).isZero();
        Path mixed = tmp.resolve("mixed");
        EnsembleBundle.write(mixed, List.of(tmp.resolve("m1"), other), new double[] {0.5, 0.5}, Map.of());
        CliTest.Run fit = CliTest.run("fit-sets", "--model", mixed.toString(), "--data", data.toString());
        assertThat(fit.code()).isNotZero();
        assertThat(fit.err().strip().lines()).hasSize(1);
        assertThat(fit.err()).contains("different data or splits").contains("--predictions");
        assertThat(mixed.resolve("conformal.json")).doesNotExist();
    }
}
