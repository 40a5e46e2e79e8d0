package org.plankton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.testing.SyntheticPlankton;

/**
 * {@code ensemble --link}: a member shipped beside the ensemble is referenced, not copied, and the
 * ensemble classifies exactly as a copying one; {@code convert} makes a self-contained copy; a linked
 * member that changes (recalibrated) makes the ensemble fail with one line naming it.
 */
class LinkedEnsembleCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path data;
    static Path shared;
    static Path other;

    @BeforeAll
    static void setUp() throws Exception {
        data = SyntheticPlankton.writeDataset(tmp.resolve("shapes"), 3, 24, 13);
        shared = tmp.resolve("models/default");
        other = tmp.resolve("runs/other");
        for (Path out : List.of(shared, other)) {
            CliTest.Run r = CliTest.run("train", "--data", data.toString(), "--out", out.toString(), "--epochs", "2",
                    "--seed", "3", "--train-seed", out == shared ? "1" : "2", "--image-size", "24", "--arch", "tiny",
                    "--batch-size", "16", "--lr", "0.05", "--val-fraction", "0.25");
            assertThat(r.code()).as(r.err()).isZero();
        }
    }

    private static JsonNode evaluate(Path model) throws Exception {
        CliTest.Run r = CliTest.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void aLinkedMemberIsStoredOnceAndTheEnsembleScoresAsACopyingOne() throws Exception {
        Path linked = tmp.resolve("models/ensemble");
        Path copied = tmp.resolve("copied");
        CliTest.Run a = CliTest.run("ensemble", "--models", shared.toString(), other.toString(), "--link", shared.toString(),
                "--no-onnx", "--data", data.toString(), "--out", linked.toString());
        assertThat(a.code()).as(a.err()).isZero();
        CliTest.Run b = CliTest.run("ensemble", "--models", shared.toString(), other.toString(), "--data", data.toString(),
                "--out", copied.toString());
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(linked.resolve("members/0")).doesNotExist();
        assertThat(linked.resolve("model.onnx")).doesNotExist();
        assertThat(JSON.readTree(linked.resolve(EnsembleBundle.FILE).toFile()).get("members").get(0).asText())
                .isEqualTo("../default");
        double expected = evaluate(copied).get("log_loss").asDouble();
        assertThat(evaluate(linked).get("log_loss").asDouble()).isCloseTo(expected, within(1e-6));

        Path copy = tmp.resolve("shipped-copy");
        CliTest.Run c = CliTest.run("convert", "--weights", "float32", "--model", linked.toString(), "--out", copy.toString());
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(EnsembleBundle.read(copy).members()).allSatisfy(m -> assertThat(m).startsWith(copy));
        assertThat(evaluate(copy).get("log_loss").asDouble()).isCloseTo(expected, within(1e-6));

        // The linked member recalibrated: the ensemble's weights were fitted to other probabilities.
        CliTest.Run cal = CliTest.run("calibrate", "--model", shared.toString(), "--data", data.toString(), "--tta", "2");
        assertThat(cal.code()).as(cal.err()).isZero();
        CliTest.Run refused = CliTest.run("classify", "--model", linked.toString(), "--out", tmp.resolve("p.csv").toString(),
                data.toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err().strip().lines()).hasSize(1);
        assertThat(refused.err()).contains("linked member ../default").contains("calibration.json changed");
        assertThat(evaluate(copy).get("log_loss").asDouble()).as("the self-contained copy is unaffected")
                .isCloseTo(expected, within(1e-6));
        try (Stream<Path> s = Files.list(tmp.resolve("models"))) {
            assertThat(s.map(p -> p.getFileName().toString())).as("no temporary folders left beside the link")
                    .noneMatch(n -> n.contains(".tmp-") || n.contains(".old-"));
        }
    }

    @Test
    void linkingAModelThatIsNotAMemberIsRefused() {
        CliTest.Run r = CliTest.run("ensemble", "--models", shared.toString(), other.toString(), "--link",
                data.toString(), "--data", data.toString(), "--out", tmp.resolve("never").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("is not one of --models");
        assertThat(tmp.resolve("never")).doesNotExist();
    }
}
