package org.plankton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.conformal.PredictionSets;
import org.plankton.core.taxonomy.Taxonomy;
import org.plankton.core.testing.SyntheticPlankton;

/** train --taxonomy, fit-sets and classify --counts --level group on a tiny synthetic model. */
class TrustCliTest {

    @TempDir
    Path tmp;

    @Test
    void taxonomyAndPredictionSetsReachTheBundleAndTheCounts() throws Exception {
        Path data = SyntheticPlankton.writeDataset(tmp.resolve("shapes"), 3, 24, 5);
        Path taxonomy = tmp.resolve("taxonomy.csv");
        Files.writeString(taxonomy, "class,path\nbar,lines\ncross,lines\ndisc,\n");
        Path model = tmp.resolve("model");

        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "class,path\nbar,lines//x\n");
        CliTest.Run refused = CliTest.run("train", "--data", data.toString(), "--out", model.toString(),
                "--taxonomy", bad.toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains(bad.toString()).contains("line 2");
        assertThat(model).doesNotExist(); // refused before training

        CliTest.Run t = CliTest.run("train", "--data", data.toString(), "--out", model.toString(), "--epochs", "1",
                "--image-size", "32", "--arch", "tiny", "--batch-size", "16", "--val-fraction", "0.5",
                "--taxonomy", taxonomy.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(model.resolve(Taxonomy.FILE)).exists();
        ModelBundle bundle = BundleReader.read(model);
        assertThat(Taxonomy.forBundle(model, bundle.classes()).path(bundle.classes().indexOf("cross")))
                .containsExactly("lines");

        CliTest.Run f = CliTest.run("fit-sets", "--model", model.toString(), "--data", data.toString(), "--report");
        assertThat(f.code()).as(f.err()).isZero();
        assertThat(f.out()).contains("coverage").contains("per-class F1");
        PredictionSets sets = PredictionSets.of(BundleReader.read(model)).orElseThrow();
        assertThat(sets.set(new float[] {0.6f, 0.3f, 0.1f})).contains(0);

        Path counts = tmp.resolve("counts.csv");
        CliTest.Run c = CliTest.run("classify", "--model", model.toString(), "--out", tmp.resolve("p.csv").toString(),
                "--counts", counts.toString(), "--level", "group", data.toString());
        assertThat(c.code()).as(c.err()).isZero();
        List<String> lines = Files.readAllLines(counts);
        assertThat(lines.get(0)).startsWith("sample,images,class,count,expected_count,adjusted_count,count_low");
        assertThat(lines.stream().skip(1).map(l -> l.split(",")[2]).distinct()).containsOnly("lines", "disc");
    }
}
