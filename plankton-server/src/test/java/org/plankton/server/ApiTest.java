package org.plankton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.server.Http.Part;
import org.plankton.server.http.RouteTable;

/** The REST API end to end over loopback, on the embedded SQLite database. */
class ApiTest {

    @TempDir
    static Path tmp;
    static PlanktonServer server;
    static Http http;
    static List<Part> images;

    @BeforeAll
    static void start() throws Exception {
        Path model = TestModel.model();
        server = PlanktonServer.start(ServerConfig.local(model, tmp.resolve("data")).withPort(0));
        http = new Http(server.url(), null);
        images = new ArrayList<>(TestModel.imageParts(Integer.MAX_VALUE));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Part img(int i) {
        return images.get(i * 7 % images.size());
    }

    static final Part CORRUPT = new Part("broken.png", java.util.Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G',
            0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'}, 60));
    static final Part NOT_AN_IMAGE = new Part("evil.jpg", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));

    long newSample(String name) throws Exception {
        Http.Response r = http.postJson("/api/samples", Http.map("name", name, "description", "net tow"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @Test
    void healthAndModel() throws Exception {
        JsonNode h = http.get("/api/health").json();
        assertThat(h.get("status").asText()).isEqualTo("ok");
        assertThat(h.get("database").asText()).isEqualTo("sqlite");
        assertThat(h.get("model").asText()).isEqualTo(server.modelId()).startsWith("tiny-model@");
        JsonNode m = http.get("/api/model").json();
        assertThat(m.get("classes").toString()).isEqualTo("[\"bar\",\"cross\",\"disc\"]");
        assertThat(m.get("id").asText()).isEqualTo(server.modelId());
    }

    @Test
    void openApiListsEveryRoute() throws Exception {
        JsonNode paths = http.get("/openapi.json").json().get("paths");
        assertThat(server.routes()).hasSizeGreaterThan(15);
        for (RouteTable.Route r : server.routes()) {
            assertThat(paths.has(r.path())).as("path " + r.path()).isTrue();
            assertThat(paths.get(r.path()).has(r.method().toLowerCase())).as(r.method() + " " + r.path()).isTrue();
        }
    }

    @Test
    void classifyAnswersPerImageAndReportsBadOnesSeparately() throws Exception {
        Http.Response r = http.postFiles("/api/classify", List.of(img(0), CORRUPT, img(1), NOT_AN_IMAGE));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode results = r.json().get("results");
        assertThat(results).hasSize(4);
        for (int i : new int[] {0, 2}) {
            JsonNode ok = results.get(i);
            assertThat(ok.get("state").asText()).isEqualTo("classified");
            assertThat(ok.get("model").asText()).isEqualTo(server.modelId());
            assertThat(ok.get("top")).hasSize(3);
            double sum = 0;
            for (JsonNode p : ok.get("probabilities")) {
                sum += p.asDouble();
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(ok.get("probabilities").get(ok.get("predicted_class").asText()).asDouble())
                    .isEqualTo(ok.get("predicted_prob").asDouble());
        }
        assertThat(results.get(1).get("state").asText()).isEqualTo("error");
        assertThat(results.get(1).get("error").asText()).isNotBlank();
        assertThat(results.get(3).get("error").asText()).contains("not an image");
        // nothing stored
        assertThat(http.get("/api/samples").json().get("samples").toString()).doesNotContain("classify");
    }

    @Test
    void everyPartGetsItsOwnAnswerAndImagesAreRecognisedByContentNotName() throws Exception {
        byte[] png = img(2).data();
        List<Part> parts = List.of(
                new Part("camera-0001", png),
                new Part("drawing.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8)),
                new Part("notes.png", "station 12, net tow".getBytes(StandardCharsets.UTF_8)),
                new Part("empty.jpg", new byte[0]),
                Part.field("image", png), // curl -F 'image=<x.png': no file name, an image all the same
                Part.field("comment", "hello".getBytes(StandardCharsets.UTF_8)));

        JsonNode results = http.postFiles("/api/classify", parts).json().get("results");

        assertThat(results).hasSize(parts.size());
        assertThat(results).extracting(n -> n.get("file").asText())
                .containsExactly("camera-0001", "drawing.svg", "notes.png", "empty.jpg", "image", "comment");
        assertThat(results).extracting(n -> n.get("state").asText())
                .containsExactly("classified", "error", "error", "error", "classified", "error");
        assertThat(results.get(0).get("format").asText()).isEqualTo("png");
        assertThat(results.get(1).get("error").asText()).startsWith("not an image").contains("<svg");
        assertThat(results.get(2).get("error").asText()).startsWith("not an image").contains("station 12");
        assertThat(results.get(3).get("error").asText()).isEqualTo("not an image: empty file (0 bytes)");
        assertThat(results.get(5).get("error").asText()).startsWith("not an image");

        long id = newSample("by-content");
        JsonNode stored = http.postFiles("/api/samples/" + id + "/images", parts).json();
        assertThat(stored.get("results")).hasSize(parts.size());
        assertThat(stored.get("created").asInt()).isEqualTo(1);
        assertThat(stored.get("duplicates").asInt()).isEqualTo(1); // the field held the same image
        assertThat(stored.get("errors").asInt()).isEqualTo(4);
    }

    @Test
    void classifyRefusesRequestsWithoutFiles() throws Exception {
        assertThat(http.postJson("/api/classify", Http.map("x", 1)).status()).isEqualTo(400);
        assertThat(http.postFiles("/api/classify", List.of()).status()).isEqualTo(400);
    }

    @Test
    void samplesCreateListShowDelete() throws Exception {
        long id = newSample("station 12");
        assertThat(http.get("/api/samples/" + id).json().get("name").asText()).isEqualTo("station 12");
        assertThat(http.get("/api/samples").json().get("samples").toString()).contains("station 12");
        assertThat(http.postJson("/api/samples", Http.map("name", "")).status()).isEqualTo(400);
        assertThat(http.postJson("/api/samples", Http.map("name", 5)).status()).isEqualTo(400);
        assertThat(http.get("/api/samples/999999").status()).isEqualTo(404);
        assertThat(http.get("/api/samples/abc").status()).isEqualTo(400);
        assertThat(http.delete("/api/samples/" + id).status()).isEqualTo(204);
        assertThat(http.get("/api/samples/" + id).status()).isEqualTo(404);
        assertThat(http.delete("/api/samples/" + id).status()).isEqualTo(404);
    }

    @Test
    void uploadStoresByContentDetectsDuplicatesAndKeepsNamesOutOfPaths() throws Exception {
        long id = newSample("dedupe");
        Part traversal = new Part("../../../etc/evil.png", img(2).data());
        Http.Response r = http.postFiles("/api/samples/" + id + "/images",
                List.of(img(0), img(1), traversal, img(0), CORRUPT));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode b = r.json();
        assertThat(b.get("created").asInt()).isEqualTo(3);
        assertThat(b.get("duplicates").asInt()).isEqualTo(1);
        assertThat(b.get("errors").asInt()).isEqualTo(1);
        JsonNode results = b.get("results");
        assertThat(results.get(3).get("state").asText()).isEqualTo("duplicate");
        assertThat(results.get(3).get("image_id").asLong()).isEqualTo(results.get(0).get("image_id").asLong());
        assertThat(results.get(2).get("file").asText()).isEqualTo("evil.png");
        String sha = results.get(2).get("sha256").asText();
        assertThat(tmp.resolve("data/images").resolve(sha.substring(0, 2)).resolve(sha.substring(2))).exists();
        assertThat(tmp.resolve("etc")).doesNotExist();
        // uploading again: all duplicates, not classified again
        JsonNode again = http.postFiles("/api/samples/" + id + "/images", List.of(img(0), img(1))).json();
        assertThat(again.get("duplicates").asInt()).isEqualTo(2);
        assertThat(http.get("/api/samples/" + id).json().get("images").asInt()).isEqualTo(3);
        // the stored file comes back byte for byte, with a sniffed content type
        long imageId = results.get(0).get("image_id").asLong();
        Http.Response file = http.get("/api/images/" + imageId + "/file");
        assertThat(file.body()).isEqualTo(img(0).data());
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
        assertThat(http.get("/api/images/" + imageId + "/thumbnail").headers().firstValue("Content-Type").orElse(""))
                .startsWith("image/png");
        assertThat(http.postFiles("/api/samples/424242/images", List.of(img(0))).status()).isEqualTo(404);
    }

    @Test
    void deletingASampleRemovesFilesNoOtherSampleUses() throws Exception {
        long a = newSample("del-a");
        long b = newSample("del-b");
        Part shared = img(5);
        Part own = img(6);
        JsonNode ra = http.postFiles("/api/samples/" + a + "/images", List.of(shared, own)).json();
        http.postFiles("/api/samples/" + b + "/images", List.of(shared));
        String sharedSha = ra.get("results").get(0).get("sha256").asText();
        String ownSha = ra.get("results").get(1).get("sha256").asText();
        assertThat(http.delete("/api/samples/" + a).status()).isEqualTo(204);
        Path store = tmp.resolve("data/images");
        assertThat(store.resolve(sharedSha.substring(0, 2)).resolve(sharedSha.substring(2))).exists();
        assertThat(store.resolve(ownSha.substring(0, 2)).resolve(ownSha.substring(2))).doesNotExist();
    }

    @Test
    void imagesFilterByClassStatusConfidenceWithPaging() throws Exception {
        long id = newSample("filters");
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            parts.add(images.get(i * 5));
        }
        assertThat(http.postFiles("/api/samples/" + id + "/images", parts).json().get("created").asInt()).isEqualTo(12);
        String base = "/api/samples/" + id + "/images";
        JsonNode all = http.get(base + "?order=least_confident&limit=5").json();
        assertThat(all.get("total").asInt()).isEqualTo(12);
        assertThat(all.get("images")).hasSize(5);
        double prev = -1;
        for (JsonNode i : all.get("images")) {
            assertThat(i.get("predicted_prob").asDouble()).isGreaterThanOrEqualTo(prev);
            prev = i.get("predicted_prob").asDouble();
            assertThat(i.get("status").asText()).isEqualTo("predicted");
        }
        JsonNode page3 = http.get(base + "?order=least_confident&limit=5&offset=10").json();
        assertThat(page3.get("images")).hasSize(2);
        Set<Long> seen = new HashSet<>();
        for (int off = 0; off < 12; off += 5) {
            http.get(base + "?order=least_confident&limit=5&offset=" + off).json().get("images")
                    .forEach(n -> seen.add(n.get("id").asLong()));
        }
        assertThat(seen).hasSize(12);
        String cls = all.get("images").get(0).get("predicted_class").asText();
        JsonNode byClass = http.get(base + "?class=" + cls).json();
        assertThat(byClass.get("total").asInt()).isPositive();
        byClass.get("images").forEach(n -> assertThat(n.get("predicted_class").asText()).isEqualTo(cls));
        double threshold = prev;
        JsonNode confident = http.get(base + "?min_prob=" + threshold).json();
        confident.get("images").forEach(n -> assertThat(n.get("predicted_prob").asDouble()).isGreaterThanOrEqualTo(threshold));
        assertThat(confident.get("total").asInt()).isLessThanOrEqualTo(12 - 4);
        assertThat(http.get(base + "?status=validated").json().get("total").asInt()).isZero();
        assertThat(http.get(base + "?status=maybe").status()).isEqualTo(400);
        assertThat(http.get(base + "?limit=0").status()).isEqualTo(400);
        assertThat(http.get(base + "?min_prob=2").status()).isEqualTo(400);
        assertThat(http.get(base + "?order=random").status()).isEqualTo(400);
        assertThat(http.get(base + "?order=informative&limit=5").status()).isEqualTo(200);
        assertThat(http.get(base + "?probabilities=true&limit=1").json().get("images").get(0).get("probabilities")
                .size()).isEqualTo(3);
    }

    @Test
    void validateAndCorrectKeepHistoryAndNeverOverwriteThePrediction() throws Exception {
        long id = newSample("review");
        JsonNode up = http.postFiles("/api/samples/" + id + "/images", List.of(img(3), img(4))).json();
        long imageId = up.get("results").get(0).get("image_id").asLong();
        String predicted = up.get("results").get(0).get("predicted_class").asText();
        String other = predicted.equals("disc") ? "bar" : "disc";

        Http.Response c = http.postJson("/api/images/" + imageId + "/correct", Http.map("label", other, "who", "ana"));
        assertThat(c.status()).as(c.text()).isEqualTo(201);
        assertThat(c.json().get("label").asText()).isEqualTo(other);
        assertThat(c.json().get("status").asText()).isEqualTo("validated");
        Http.Response v = http.postJson("/api/images/" + imageId + "/validate", Http.map("who", "ben"));
        assertThat(v.json().get("label").asText()).isEqualTo(other);

        JsonNode detail = http.get("/api/images/" + imageId).json();
        assertThat(detail.get("predicted_class").asText()).isEqualTo(predicted);
        assertThat(detail.get("annotated_by").asText()).isEqualTo("ben");
        JsonNode history = detail.get("history");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("action").asText()).isEqualTo("correct");
        assertThat(history.get(0).get("who").asText()).isEqualTo("ana");
        assertThat(history.get(1).get("action").asText()).isEqualTo("validate");
        assertThat(history.get(1).get("created").asText()).isNotBlank();

        assertThat(http.postJson("/api/images/" + imageId + "/correct", Http.map("who", "x")).status()).isEqualTo(400);

        // a label the model does not know is refused unless the reviewer says it is a new class
        Http.Response typo = http.postJson("/api/images/" + imageId + "/correct", Http.map("label", "dsic", "who", "x"));
        assertThat(typo.status()).as(typo.text()).isEqualTo(422);
        assertThat(typo.json().get("label").asText()).isEqualTo("dsic");
        assertThat(typo.json().get("error").asText()).contains("'dsic'").contains("new_class");
        assertThat(http.postJson("/api/images/987654/correct", Http.map("label", "dsic")).status()).isEqualTo(404);
        assertThat(http.postJson("/api/images/" + imageId + "/correct", Http.map("label", "x", "new_class", "yes"))
                .status()).isEqualTo(400);
        assertThat(http.get("/api/images/" + imageId).json().get("history")).hasSize(2); // nothing recorded
        // a taxon name of the WoRMS mapping is accepted, and so is a new class when declared
        assertThat(http.postJson("/api/images/" + imageId + "/correct", Http.map("label", "Copepoda", "who", "x"))
                .status()).isEqualTo(201);
        Http.Response declared = http.postJson("/api/images/" + imageId + "/correct",
                Http.map("label", "dsic", "who", "x", "new_class", true));
        assertThat(declared.status()).as(declared.text()).isEqualTo(201);
        assertThat(http.postJson("/api/images/" + imageId + "/validate", Http.map("who", "ben")).status()).isEqualTo(201);
        assertThat(http.postJson("/api/images/" + imageId + "/correct", Http.map("label", other, "who", "ben")).status())
                .isEqualTo(201);
        assertThat(http.postJson("/api/images/987654/validate", Http.map()).status()).isEqualTo(404);

        String base = "/api/samples/" + id + "/images";
        assertThat(http.get(base + "?status=validated").json().get("total").asInt()).isEqualTo(1);
        assertThat(http.get(base + "?status=predicted").json().get("total").asInt()).isEqualTo(1);
        assertThat(http.get(base + "?label=" + other).json().get("total").asInt()).isGreaterThanOrEqualTo(1);

        JsonNode counts = http.get("/api/samples/" + id + "/counts").json();
        assertThat(counts.get("total").asInt()).isEqualTo(2);
        assertThat(counts.get("validated").asInt()).isEqualTo(1);
        long predictedSum = 0;
        for (JsonNode row : counts.get("classes")) {
            predictedSum += row.get("predicted").asLong();
            if (row.get("class").asText().equals(other)) {
                assertThat(row.get("validated").asInt()).isEqualTo(1);
            }
        }
        assertThat(predictedSum).isEqualTo(2);
    }

    @Test
    void concurrentReviewsAndUploadsLoseNothing() throws Exception {
        long id = newSample("concurrency");
        long imageId = http.postFiles("/api/samples/" + id + "/images", List.of(img(7))).json().get("results").get(0)
                .get("image_id").asLong();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> f = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int who = t;
                f.add(pool.submit(() -> {
                    int ok = 0;
                    for (int k = 0; k < 5; k++) {
                        ok += http.postJson("/api/images/" + imageId + "/correct", Http.map("label", "label" + who,
                                "who", "user" + who, "new_class", true)).status() == 201 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            // the same new image uploaded by 8 clients at once: stored once
            List<Future<JsonNode>> ups = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                ups.add(pool.submit(() -> http.postFiles("/api/samples/" + id + "/images", List.of(img(8))).json()));
            }
            int ok = 0;
            for (Future<Integer> x : f) {
                ok += x.get();
            }
            assertThat(ok).isEqualTo(40);
            int created = 0;
            for (Future<JsonNode> u : ups) {
                created += u.get().get("created").asInt();
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(http.get("/api/images/" + imageId + "/annotations").json().get("annotations")).hasSize(40);
        assertThat(http.get("/api/samples/" + id).json().get("images").asInt()).isEqualTo(2);
    }

    /** The trust fields of classify --details reach the REST answers, the listing filter and the exports. */
    @Test
    void trustFieldsReachAnswersListingsAndExports() throws Exception {
        JsonNode c = http.postFiles("/api/classify", List.of(img(0))).json().get("results").get(0);
        // the test model has domain.json (train fits it) and no conformal.json
        assertThat(c.get("ood_score").isNumber()).as(c.toString()).isTrue();
        assertThat(c.get("out_of_domain").isBoolean()).isTrue();
        assertThat(c.get("group").asText()).isNotBlank();
        assertThat(c.get("group_probability").asDouble()).isBetween(0.0, 1.0);
        assertThat(c.get("prediction_set").isArray()).isTrue();
        assertThat(c.has("accepted") && c.get("accepted").isNull()).isTrue();

        long id = newSample("trust");
        JsonNode up = http.postFiles("/api/samples/" + id + "/images", List.of(img(3), img(4), img(5))).json();
        JsonNode created = up.get("results").get(0);
        assertThat(created.get("ood_score").isNumber()).isTrue();
        String list = "/api/samples/" + id + "/images";
        JsonNode all = http.get(list).json();
        JsonNode first = all.get("images").get(0);
        assertThat(first.get("ood_score").asDouble()).isEqualTo(created.get("ood_score").asDouble());
        assertThat(first.get("group").asText()).isEqualTo(created.get("group").asText());
        long flagged = http.get(list + "?out_of_domain=true").json().get("total").asLong();
        long inDomain = http.get(list + "?out_of_domain=false").json().get("total").asLong();
        assertThat(flagged + inDomain).isEqualTo(all.get("total").asLong());
        assertThat(http.get(list + "?out_of_domain=maybe").status()).isEqualTo(400);

        String csvHeader = http.get("/api/samples/" + id + "/export.csv").text().split("\n")[0];
        assertThat(csvHeader).contains(",ood_score,out_of_domain,group,group_probability,prediction_set,accepted,");
        byte[] raw = http.get("/api/samples/" + id + "/export.ecotaxa.tsv").body();
        String[] rows = new String(raw, 3, raw.length - 3, StandardCharsets.UTF_8).split("\n");
        List<String> header = List.of(rows[0].split("\t"));
        assertThat(header).contains("object_ood_score", "object_out_of_domain", "object_group",
                "object_group_probability", "object_prediction_set", "object_accepted");
        assertThat(rows[2].split("\t", -1)[header.indexOf("object_out_of_domain")]).isIn("0", "1");
    }

    @Test
    void exportsCsvAndEcoTaxa() throws Exception {
        long id = newSample("export me");
        JsonNode up = http.postFiles("/api/samples/" + id + "/images", List.of(img(9), img(10), img(11))).json();
        long first = up.get("results").get(0).get("image_id").asLong();
        http.postJson("/api/images/" + first + "/correct", Http.map("label", "cross", "who", "ana"));

        Http.Response csv = http.get("/api/samples/" + id + "/export.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        String[] lines = csv.text().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("image_id,sample,file,sha256").endsWith("p_bar,p_cross,p_disc");
        assertThat(lines[1]).contains(",validated,cross,ana,");
        assertThat(lines[2]).contains(",predicted,");

        Http.Response tsv = http.get("/api/samples/" + id + "/export.ecotaxa.tsv");
        byte[] raw = tsv.body();
        assertThat(raw[0] & 0xFF).isEqualTo(0xEF); // UTF-8 BOM: EcoTaxa reads anything else as Latin-1
        String[] rows = new String(raw, 3, raw.length - 3, StandardCharsets.UTF_8).split("\n");
        assertThat(rows).hasSize(5);
        List<String> header = List.of(rows[0].split("\t"));
        assertThat(header).startsWith("img_file_name", "img_rank", "object_id", "object_annotation_category",
                "object_annotation_status");
        assertThat(rows[1].split("\t")).containsOnly("[t]", "[f]");
        String[] firstRow = rows[2].split("\t", -1);
        assertThat(firstRow[header.indexOf("object_annotation_status")]).isEqualTo("validated");
        assertThat(firstRow[header.indexOf("object_annotation_category")]).isEqualTo("cross");
        assertThat(firstRow[header.indexOf("object_annotation_date")]).matches("\\d{8}");
        assertThat(rows[3].split("\t", -1)[header.indexOf("object_annotation_status")]).isEqualTo("predicted");
        assertThat(firstRow[0]).startsWith("images/export_me_" + id + "_").endsWith(".png");

        Http.Response zip = http.get("/api/samples/" + id + "/export.ecotaxa.zip");
        List<String> names = new ArrayList<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        assertThat(names).hasSize(4).first().isEqualTo("ecotaxa_export_me_" + id + ".tsv");
        assertThat(names).contains(firstRow[0]);

        // A stored image gone missing: an error status, never a truncated archive sent as a success.
        String sha = csv.text().split("\n")[2].split(",")[3];
        Path stored = tmp.resolve("data/images").resolve(sha.substring(0, 2)).resolve(sha.substring(2));
        byte[] keep = Files.readAllBytes(stored);
        Files.delete(stored);
        try {
            Http.Response broken = http.get("/api/samples/" + id + "/export.ecotaxa.zip");
            assertThat(broken.status()).isGreaterThanOrEqualTo(500);
            assertThat(broken.headers().firstValue("Content-Disposition")).isEmpty();
        } finally {
            Files.write(stored, keep);
        }
        assertThat(http.get("/api/samples/" + id + "/export.ecotaxa.zip").status()).isEqualTo(200);
    }
}
