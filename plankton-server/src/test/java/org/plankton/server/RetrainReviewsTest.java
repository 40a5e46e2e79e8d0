package org.plankton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.testing.SyntheticPlankton;
import org.plankton.server.Http.Part;

/**
 * Retraining from reviews, the parts that involve what reviewers do: labels they added as new classes
 * become classes of the retrained model (issue 19, item 5), and reviews posted while a job trains are
 * all kept (the review log is append-only and the job reads a snapshot of it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetrainReviewsTest {

    @TempDir
    static Path tmp;
    static PlanktonServer server;
    static Http http;
    static long sample;
    static final Map<Long, String> truth = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        server = PlanktonServer.start(ServerConfig.local(TestModel.model(), tmp.resolve("data")).withPort(0));
        http = new Http(server.url(), null);
        // five shapes: the test model knows bar, cross and disc; ring and square are new to it
        Path shapes = SyntheticPlankton.writeDataset(tmp.resolve("five"), 5, 10, 31);
        sample = http.postJson("/api/samples", Http.map("name", "new instrument")).json().get("id").asLong();
        List<Part> parts = new ArrayList<>();
        Map<String, String> byFile = new HashMap<>();
        try (Stream<Path> files = Files.walk(shapes)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".png")).sorted().toList()) {
                String cls = f.getParent().getFileName().toString();
                String name = cls + "-" + f.getFileName();
                byFile.put(name, cls);
                parts.add(new Part(name, Files.readAllBytes(f)));
            }
        }
        http.postFiles("/api/samples/" + sample + "/images", parts);
        for (JsonNode img : http.get("/api/samples/" + sample + "/images?limit=500").json().get("images")) {
            truth.put(img.get("id").asLong(), byFile.get(img.get("file").asText()));
        }
        assertThat(truth).hasSize(50);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Http.Response correct(long image, String label, String who) throws Exception {
        boolean known = List.of("bar", "cross", "disc").contains(label);
        return http.postJson("/api/images/" + image + "/correct", known ? Http.map("label", label, "who", who)
                : Http.map("label", label, "who", who, "new_class", true));
    }

    @Test
    @Order(1)
    void labelsAddedAsNewClassesBecomeClassesOfTheRetrainedModelAndTheOldClassesStay() throws Exception {
        for (var e : truth.entrySet()) {
            Http.Response r = correct(e.getKey(), e.getValue(), "ana");
            assertThat(r.status()).as(r.text()).isEqualTo(201);
        }
        Http.Response started = http.postJson("/api/retrain", Http.map("samples", List.of(sample), "epochs", 1));
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        JsonNode end = RetrainTest.waitFor(http, started.json().get("job").asText());
        assertThat(end.get("state").asText()).as(end.toString()).isEqualTo("done");
        assertThat(end.get("messages").toString()).contains("new classes from the reviews: ring, square")
                .contains("head rows of 3 classes kept by name, 2 new (5 classes)");
        String version = end.get("version").asText();
        JsonNode prov = provenance(version);
        assertThat(prov.get("new_classes").toString()).isEqualTo("[\"ring\",\"square\"]");
        assertThat(prov.get("skipped_labels").asInt()).isZero();
        assertThat(prov.get("reviews").asInt()).isEqualTo(50);

        assertThat(http.postJson("/api/models/" + version + "/activate", Map.of()).status()).isEqualTo(200);
        assertThat(http.get("/api/model").json().get("classes").toString())
                .isEqualTo("[\"bar\",\"cross\",\"disc\",\"ring\",\"square\"]");
    }

    @Test
    @Order(2)
    void reviewsPostedWhileARetrainRunsAreAllKept() throws Exception {
        Map<Long, Integer> before = new HashMap<>();
        for (long id : truth.keySet()) {
            before.put(id, http.get("/api/images/" + id + "/annotations").json().get("annotations").size());
        }
        Http.Response started = http.postJson("/api/retrain", Http.map("samples", List.of(sample), "epochs", 2));
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String job = started.json().get("job").asText();

        Map<Long, AtomicInteger> posted = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<String> failures = new ArrayList<>();
        Thread reviewer = new Thread(() -> {
            List<Long> ids = new ArrayList<>(truth.keySet());
            int n = 0;
            try {
                while (!stop.get() && n < 400) {
                    long id = ids.get(n % ids.size());
                    // alternately a correction with the true class and a validation of it
                    Http.Response r = n % 2 == 0 ? correct(id, truth.get(id), "ben")
                            : http.postJson("/api/images/" + id + "/validate", Http.map("who", "ben"));
                    if (r.status() != 201) {
                        synchronized (failures) {
                            failures.add(r.status() + " " + r.text());
                        }
                    } else {
                        posted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    }
                    n++;
                }
            } catch (Exception e) {
                synchronized (failures) {
                    failures.add(e.toString());
                }
            }
        }, "concurrent-reviewer");
        reviewer.start();
        JsonNode end;
        try {
            end = RetrainTest.waitFor(http, job);
        } finally {
            stop.set(true);
            reviewer.join(60_000);
        }
        assertThat(failures).isEmpty();
        assertThat(end.get("state").asText()).as(end.toString()).isEqualTo("done");
        assertThat(posted).isNotEmpty();
        for (long id : truth.keySet()) {
            JsonNode log = http.get("/api/images/" + id + "/annotations").json().get("annotations");
            int extra = posted.containsKey(id) ? posted.get(id).get() : 0;
            assertThat(log.size()).as("reviews of image " + id).isEqualTo(before.get(id) + extra);
            assertThat(http.get("/api/images/" + id).json().get("label").asText()).isEqualTo(truth.get(id));
        }
        assertThat(provenance(end.get("version").asText()).get("reviews").asInt()).isEqualTo(50);
    }

    static JsonNode provenance(String version) throws Exception {
        for (JsonNode v : http.get("/api/models").json().get("versions")) {
            if (v.get("version").asText().equals(version)) {
                return v.get("provenance");
            }
        }
        throw new AssertionError("no version " + version + " in GET /api/models");
    }
}
