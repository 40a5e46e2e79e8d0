package org.plankton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.conformal.ConformalSets;
import org.plankton.core.conformal.PredictionSets;
import org.plankton.core.conformal.RejectThresholds;
import org.plankton.server.Http.Part;
import org.plankton.core.testing.TestFiles;

/**
 * The conformal half of the trust fields, on a copy of the test model with a hand-made
 * conformal.json: sets that hold every class and a reject threshold no probability reaches, so
 * every image is rejected and its set is known without fitting.
 */
class TrustApiTest {

    @TempDir
    Path tmp;

    @Test
    void predictionSetsAndRejectedImagesAsUnclassified() throws Exception {
        Path model = tmp.resolve("model");
        TestFiles.copyTree(TestModel.model(), model);
        var classes = BundleReader.read(model).classes();
        double[] none = {Double.NaN, Double.NaN, Double.NaN};
        new PredictionSets(classes, new ConformalSets(0.9, ConformalSets.ALL, none), RejectThresholds.global(1.01, 3), 100)
                .writeTo(model);
        Path image;
        try (Stream<Path> s = Files.walk(TestModel.data())) {
            image = s.filter(p -> p.toString().endsWith(".png")).sorted().findFirst().orElseThrow();
        }
        try (PlanktonServer server = PlanktonServer.start(ServerConfig.local(model, tmp.resolve("data")).withPort(0))) {
            Http http = new Http(server.url(), null);
            assertThat(http.get("/api/model").json().get("prediction_sets").asBoolean()).isTrue();
            long id = http.postJson("/api/samples", Http.map("name", "sets")).json().get("id").asLong();
            JsonNode r = http.postFiles("/api/samples/" + id + "/images",
                    List.of(new Part("a.png", Files.readAllBytes(image)))).json().get("results").get(0);
            assertThat(r.get("prediction_set")).hasSize(3);
            assertThat(r.get("accepted").asBoolean(true)).isFalse();
            JsonNode listed = http.get("/api/samples/" + id + "/images").json().get("images").get(0);
            assertThat(listed.get("accepted").asBoolean(true)).isFalse();
            assertThat(listed.get("prediction_set").get(0).asText()).isEqualTo(r.get("predicted_class").asText());
            JsonNode counts = http.get("/api/samples/" + id + "/counts").json().get("classes");
            assertThat(counts).hasSize(1);
            assertThat(counts.get(0).get("class").asText()).isEqualTo("unclassified");
            String csv = http.get("/api/samples/" + id + "/export.csv").text().split("\\n")[1];
            List<String> set = new java.util.ArrayList<>();
            listed.get("prediction_set").forEach(n -> set.add(n.asText()));
            assertThat(csv).contains("," + String.join("|", set) + ",false,"); // the set, then accepted
        }
    }

    /**
     * An ensemble served: out-of-domain scores from its first member's domain model, and the
     * ensemble's own conformal.json (here the same hand-made one), not its members'.
     */
    @Test
    void anEnsembleHasOutOfDomainScoresAndItsOwnSets() throws Exception {
        Path ensemble = tmp.resolve("ensemble");
        org.plankton.core.bundle.EnsembleBundle.write(ensemble, List.of(TestModel.model(), TestModel.model()),
                new double[] {0.5, 0.5}, java.util.Map.of());
        var classes = BundleReader.read(TestModel.model()).classes();
        double[] none = {Double.NaN, Double.NaN, Double.NaN};
        new PredictionSets(classes, new ConformalSets(0.9, ConformalSets.ALL, none), RejectThresholds.global(1.01, 3), 100)
                .writeTo(ensemble);
        try (PlanktonServer server = PlanktonServer.start(ServerConfig.local(ensemble, tmp.resolve("data")).withPort(0))) {
            Http http = new Http(server.url(), null);
            JsonNode model = http.get("/api/model").json();
            assertThat(model.get("ensemble").asBoolean()).isTrue();
            assertThat(model.get("prediction_sets").asBoolean()).isTrue();
            assertThat(model.get("members")).hasSize(2);
            assertThat(model.get("members").get(1).get("weight").asDouble()).isEqualTo(0.5);
            assertThat(model.get("metrics").has("history")).as("the blend's metrics, not the first member's").isFalse();
            long id = http.postJson("/api/samples", Http.map("name", "ens")).json().get("id").asLong();
            JsonNode r = http.postFiles("/api/samples/" + id + "/images", TestModel.imageParts(2)).json().get("results").get(0);
            assertThat(r.get("ood_score").isNumber()).as(r.toString()).isTrue();
            assertThat(r.get("out_of_domain").isBoolean()).isTrue();
            assertThat(r.get("prediction_set")).hasSize(3);
            assertThat(r.get("accepted").asBoolean(true)).isFalse();
        }
    }

}
