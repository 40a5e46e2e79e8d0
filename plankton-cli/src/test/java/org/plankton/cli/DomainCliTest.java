package org.plankton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.domain.FarOutImages;
import org.plankton.core.image.GrayImage;
import org.plankton.core.testing.SyntheticPlankton;

/**
 * Out-of-domain detection end to end on a tiny bundle trained on synthetic shapes: train fits
 * domain.json, fit-domain refits it, far-out images (noise, gradients, text) score higher than the
 * shapes, domain-check and classify --details report them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DomainCliTest {

    @TempDir
    static Path tmp;
    static Path data;
    static Path model;
    static Path farOut;

    @BeforeAll
    static void setUp() throws Exception {
        data = SyntheticPlankton.writeDataset(tmp.resolve("shapes"), 3, 40, 11);
        model = tmp.resolve("model");
        farOut = tmp.resolve("farout").resolve("other-instrument");
        Files.createDirectories(farOut);
        List<GrayImage> images = FarOutImages.generate(30, 5);
        for (int i = 0; i < images.size(); i++) {
            GrayImage g = images.get(i);
            BufferedImage img = new BufferedImage(g.width(), g.height(), BufferedImage.TYPE_BYTE_GRAY);
            System.arraycopy(g.pixels(), 0, ((DataBufferByte) img.getRaster().getDataBuffer()).getData(), 0,
                    g.pixels().length);
            ImageIO.write(img, "png", farOut.resolve("far" + i + ".png").toFile());
        }
    }

    @Test
    @Order(1)
    void trainWritesAChecksummedDomainModel() throws Exception {
        CliTest.Run r = CliTest.run("train", "--data", data.toString(), "--out", model.toString(), "--epochs", "4",
                "--image-size", "32", "--arch", "tiny", "--batch-size", "16", "--lr", "0.05", "--val-fraction", "0.25");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("domain model: 3 classes");
        ModelBundle b = BundleReader.read(model);
        assertThat(b.manifest().domainFile()).isEqualTo("domain.json");
        assertThat(model.resolve("domain.json")).exists();
    }

    @Test
    @Order(2)
    void fitDomainRefitsAnExistingBundle() {
        CliTest.Run r = CliTest.run("fit-domain", "--model", model.toString(), "--data", data.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("fitted").contains("90 training images").contains("30 validation images");
    }

    @Test
    @Order(3)
    void farOutImagesScoreHigherAndClassifyDetailsReportsThem() throws Exception {
        Path out = tmp.resolve("p.csv");
        Path details = tmp.resolve("details.csv");
        CliTest.Run r = CliTest.run("classify", "--model", model.toString(), "--out", out.toString(), "--details",
                details.toString(), data.toString(), farOut.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out).get(0)).isEqualTo("image,bar,cross,disc");
        List<String> rows = Files.readAllLines(details);
        assertThat(rows.get(0)).isEqualTo("image,top_class,top_probability,group,group_probability,prediction_set,"
                + "ood_score,out_of_domain,accepted");
        assertThat(rows).hasSize(1 + 120 + 30);
        List<Double> in = new ArrayList<>();
        List<Double> far = new ArrayList<>();
        int farFlagged = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            assertThat(f).hasSize(9);
            assertThat(f[3]).as("group (taxonomic back-off)").isNotEmpty();
            assertThat(Double.parseDouble(f[4])).isBetween(0.0, 1.0 + 1e-6);
            assertThat(f[7]).isIn("true", "false");
            boolean isFar = f[0].contains("farout");
            (isFar ? far : in).add(Double.parseDouble(f[6]));
            farFlagged += isFar && f[7].equals("true") ? 1 : 0;
        }
        assertThat(median(far)).as("median score, far-out vs in-domain").isGreaterThan(median(in));
        // The flagged share of far-out images: far above the 5% the threshold lets through in-domain.
        assertThat(farFlagged).isGreaterThan(15);
        assertThat(r.err()).contains("warning: sample other-instrument");
        assertThat(r.err()).doesNotContain("warning: sample bar");
    }

    @Test
    @Order(4)
    void domainCheckGivesVerdictsAndJson() throws Exception {
        CliTest.Run r = CliTest.run("domain-check", "--model", model.toString(), "--json", farOut.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("other-instrument").contains("advice:");
        String[] lines = r.out().strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(json.get("images").asInt()).isEqualTo(30);
        assertThat(json.get("out_of_domain_fraction").asDouble()).isGreaterThan(0.5);
        assertThat(json.get("verdict").asText()).isEqualTo("out-of-domain");
        assertThat(json.get("samples").get(0).get("sample").asText()).isEqualTo("other-instrument");

        CliTest.Run shapes = CliTest.run("domain-check", "--model", model.toString(), "--json", data.toString());
        assertThat(shapes.code()).as(shapes.err()).isZero();
        String[] sl = shapes.out().strip().split("\n");
        JsonNode sj = new ObjectMapper().readTree(sl[sl.length - 1]);
        assertThat(sj.get("samples")).hasSize(3);
        assertThat(sj.get("out_of_domain_fraction").asDouble()).isLessThan(json.get("out_of_domain_fraction").asDouble());
    }

    @Test
    @Order(5)
    void bundleWithoutDomainModelGivesAOneLineError() throws Exception {
        Path copy = tmp.resolve("no-domain");
        Path weights = BundleReader.read(model).weightsPath();
        org.plankton.core.bundle.BundleWriter.write(copy, draftOf(model), file -> Files.copy(weights, file));
        CliTest.Run r = CliTest.run("domain-check", "--model", copy.toString(), farOut.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("no domain model").contains("fit-domain");
    }

    @Test
    @Order(6)
    void onnxEngineScoresAsTheTorchEngine() throws Exception {
        Path torch = tmp.resolve("torch-details.csv");
        Path onnx = tmp.resolve("onnx-details.csv");
        CliTest.Run a = CliTest.run("classify", "--model", model.toString(), "--engine", "torch", "--out",
                tmp.resolve("t.csv").toString(), "--details", torch.toString(), farOut.toString());
        CliTest.Run b = CliTest.run("classify", "--model", model.toString(), "--engine", "onnx", "--out",
                tmp.resolve("o.csv").toString(), "--details", onnx.toString(), farOut.toString());
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(b.code()).as(b.err()).isZero();
        List<String> ta = Files.readAllLines(torch);
        List<String> tb = Files.readAllLines(onnx);
        assertThat(tb).hasSameSizeAs(ta);
        // by name: the details columns grew (group, prediction set) in front of ood_score
        int score = List.of(ta.get(0).split(",")).indexOf("ood_score");
        assertThat(score).isPositive();
        for (int i = 1; i < ta.size(); i++) {
            double sa = Double.parseDouble(ta.get(i).split(",", -1)[score]);
            double sb = Double.parseDouble(tb.get(i).split(",", -1)[score]);
            assertThat(sb).isCloseTo(sa, org.assertj.core.data.Offset.offset(1e-3 * Math.max(1, Math.abs(sa))));
        }
    }

    @Test
    @Order(7)
    void anEnsembleScoresOnItsFirstMembersDomainModel() throws Exception {
        // Member 0 has the domain model, member 1 (the copy of test 5) none: the ensemble's scores must be
        // member 0's alone, the same numbers classify gives for that model by itself.
        Path noDomain = tmp.resolve("no-domain");
        Path ens = tmp.resolve("ensemble-domain-first");
        org.plankton.core.bundle.EnsembleBundle.write(ens, List.of(model, noDomain), new double[] {0.6, 0.4}, java.util.Map.of());
        Path single = tmp.resolve("single-details.csv");
        Path blended = tmp.resolve("ensemble-details.csv");
        CliTest.Run a = CliTest.run("classify", "--model", model.toString(), "--out", tmp.resolve("s.csv").toString(),
                "--details", single.toString(), farOut.toString());
        CliTest.Run b = CliTest.run("classify", "--model", ens.toString(), "--out", tmp.resolve("e.csv").toString(),
                "--details", blended.toString(), farOut.toString());
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(b.code()).as(b.err()).isZero();
        List<String> sa = Files.readAllLines(single);
        List<String> sb = Files.readAllLines(blended);
        int score = List.of(sa.get(0).split(",")).indexOf("ood_score");
        int flag = List.of(sa.get(0).split(",")).indexOf("out_of_domain");
        assertThat(sb).hasSameSizeAs(sa);
        for (int i = 1; i < sa.size(); i++) {
            String[] fa = sa.get(i).split(",", -1);
            String[] fb = sb.get(i).split(",", -1);
            assertThat(fb[score]).as("ensemble row %d has a score", i).isNotEmpty();
            assertThat(Double.parseDouble(fb[score])).isCloseTo(Double.parseDouble(fa[score]),
                    org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(Double.parseDouble(fa[score])))));
        }
        assertThat(b.err()).contains("warning: sample other-instrument");
        CliTest.Run check = CliTest.run("domain-check", "--model", ens.toString(), "--json", farOut.toString());
        assertThat(check.code()).as(check.err()).isZero();
        assertThat(check.out()).contains("out-of-domain");

        // The other way round the first member has none: no scores, and domain-check names the member to fit.
        Path reversed = tmp.resolve("ensemble-domain-second");
        org.plankton.core.bundle.EnsembleBundle.write(reversed, List.of(noDomain, model), new double[] {0.5, 0.5}, java.util.Map.of());
        CliTest.Run none = CliTest.run("domain-check", "--model", reversed.toString(), farOut.toString());
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("no domain model").contains(reversed.resolve("members").resolve("0").toString());
        Path noScores = tmp.resolve("reversed-details.csv");
        CliTest.Run c = CliTest.run("classify", "--model", reversed.toString(), "--out", tmp.resolve("r.csv").toString(),
                "--details", noScores.toString(), farOut.toString());
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(Files.readAllLines(noScores).get(1).split(",", -1)[score]).isEmpty();
        assertThat(flag).isPositive();
    }

    private static org.plankton.core.bundle.BundleDraft draftOf(Path dir) throws Exception {
        ModelBundle b = BundleReader.read(dir);
        return new org.plankton.core.bundle.BundleDraft(b.classes(), b.manifest().preprocess(), b.manifest().architecture(),
                b.provenance(), b.metrics(), b.manifest().weightsFile());
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
