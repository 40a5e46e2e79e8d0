package org.plankton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sample metadata: set at creation, PATCH, validation errors that name the field, CSV import per row. */
class SampleMetadataApiTest {

    @TempDir
    static Path tmp;
    static PlanktonServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = PlanktonServer.start(ServerConfig.local(TestModel.model(), tmp.resolve("data")).withPort(0));
        http = new Http(server.url(), null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static long sample(String name) throws Exception {
        Http.Response r = http.postJson("/api/samples", Http.map("name", name));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @Test
    void patchSetsKeepsAndClearsFieldsAndGetShowsThem() throws Exception {
        long id = sample("station-1");
        JsonNode before = http.get("/api/samples/" + id).json();
        assertThat(before.has("volume_l")).isTrue();
        assertThat(before.get("volume_l").isNull()).isTrue();

        Http.Response r = http.patchJson("/api/samples/" + id, Http.map("volume_l", 2.5, "fraction", 0.125,
                "datetime", "2024-05-01T10:30:00Z", "latitude", 43.68, "longitude", 7.31, "depth_min_m", 0,
                "depth_max_m", 200, "instrument", "ZooScan", "pixel_size_um", 10.6));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("fraction").asDouble()).isEqualTo(0.125);

        assertThat(http.patchJson("/api/samples/" + id, Http.map("instrument", null)).status()).isEqualTo(200);
        JsonNode after = http.get("/api/samples/" + id).json();
        assertThat(after.get("instrument").isNull()).isTrue();
        assertThat(after.get("volume_l").asDouble()).isEqualTo(2.5); // absent: kept
        assertThat(after.get("datetime").asText()).isEqualTo("2024-05-01T10:30:00Z");
        assertThat(after.get("depth_max_m").asDouble()).isEqualTo(200);
        assertThat(http.patchJson("/api/samples/98765", Http.map("volume_l", 1)).status()).isEqualTo(404);
    }

    @Test
    void impossibleValuesAre400NamingTheField() throws Exception {
        long id = sample("station-bad");
        Object[][] bad = {{"volume_l", 0}, {"volume_l", -1}, {"fraction", 0}, {"fraction", 1.5}, {"latitude", 91},
            {"longitude", -180.5}, {"datetime", "1 May 2024"}, {"datetime", "2024-13-01"}, {"pixel_size_um", 0},
            {"volume_l", "two"}, {"instrument", 3}, {"colour", "blue"}};
        for (Object[] b : bad) {
            Http.Response r = http.patchJson("/api/samples/" + id, Http.map(b[0], b[1]));
            assertThat(r.status()).as(b[0] + "=" + b[1] + ": " + r.text()).isEqualTo(400);
            assertThat(r.json().get("error").asText()).contains((String) b[0]);
            assertThat(r.json().get("field").asText()).isEqualTo(b[0]);
        }
        Http.Response depths = http.patchJson("/api/samples/" + id, Http.map("depth_min_m", 50, "depth_max_m", 10));
        assertThat(depths.status()).isEqualTo(400);
        assertThat(depths.json().get("error").asText()).contains("depth_min_m");
        // both depths moved in one request are judged together
        assertThat(http.patchJson("/api/samples/" + id, Http.map("depth_max_m", 10)).status()).isEqualTo(200);
        assertThat(http.patchJson("/api/samples/" + id, Http.map("depth_max_m", 100, "depth_min_m", 50)).status())
                .isEqualTo(200);
        Http.Response created = http.postJson("/api/samples", Http.map("name", "x", "latitude", 100));
        assertThat(created.status()).isEqualTo(400);
    }

    @Test
    void createTakesMetadata() throws Exception {
        Http.Response r = http.postJson("/api/samples", Http.map("name", "with-meta", "volume_l", 1000,
                "datetime", "2024-05-01", "pixel_size_um", 73));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode got = http.get("/api/samples/" + r.json().get("id").asLong()).json();
        assertThat(got.get("volume_l").asDouble()).isEqualTo(1000);
        assertThat(got.get("datetime").asText()).isEqualTo("2024-05-01");
    }

    @Test
    void csvImportUpdatesGoodRowsAndReportsBadOnes() throws Exception {
        long a = sample("csv-a");
        long b = sample("csv-b");
        sample("csv-twice");
        sample("csv-twice");
        String csv = "sample,volume_l,fraction,latitude,longitude,datetime,instrument\n"
                + "csv-a,10,0.5,45.1,-3.2,2023-07-02T08:00:00,UVP5\n"
                + "csv-b,,,95,,,\n"
                + "csv-missing,1,,,,,\n"
                + "csv-twice,1,,,,,\n"
                + "csv-b,NaN,,,,,\n"
                + "csv-b,3,0.25,,,,\n";
        Http.Response r = http.postText("/api/samples/metadata.csv", "text/csv", csv);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("updated").asInt()).isEqualTo(2);
        assertThat(body.get("errors").asInt()).isEqualTo(4);
        JsonNode rows = body.get("rows");
        assertThat(rows.get(0).get("state").asText()).isEqualTo("updated");
        assertThat(rows.get(1).get("line").asInt()).isEqualTo(3);
        assertThat(rows.get(1).get("field").asText()).isEqualTo("latitude");
        assertThat(rows.get(2).get("error").asText()).contains("no sample named 'csv-missing'");
        assertThat(rows.get(3).get("error").asText()).contains("2 samples");
        assertThat(rows.get(4).get("field").asText()).isEqualTo("volume_l");
        JsonNode sa = http.get("/api/samples/" + a).json();
        assertThat(sa.get("instrument").asText()).isEqualTo("UVP5");
        assertThat(sa.get("longitude").asDouble()).isEqualTo(-3.2);
        assertThat(http.get("/api/samples/" + b).json().get("volume_l").asDouble()).isEqualTo(3);

        Http.Response unknown = http.postText("/api/samples/metadata.csv", "text/csv", "sample,salinity\nx,35\n");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("error").asText()).contains("salinity");
    }

    @Test
    void countsGainConcentrationsOnceTheSampleHasAVolumeAndSizesWithAPixelSize() throws Exception {
        long id = sample("counted");
        java.util.List<Http.Part> parts = new java.util.ArrayList<>();
        parts.addAll(TestModel.imageParts(6));
        assertThat(http.postFiles("/api/samples/" + id + "/images", parts).status()).isEqualTo(200);
        JsonNode before = http.get("/api/samples/" + id + "/counts").json().get("classes").get(0);
        assertThat(before.get("concentration_per_l").isNull()).isTrue();
        assertThat(before.get("mean_esd_um").isNull()).isTrue();
        assertThat(before.get("current_low").asDouble()).isLessThanOrEqualTo(before.get("current").asDouble());

        http.patchJson("/api/samples/" + id, Http.map("volume_l", 4, "fraction", 0.5, "pixel_size_um", 2));
        JsonNode body = http.get("/api/samples/" + id + "/counts").json();
        assertThat(body.get("imaged_volume_l").asDouble()).isEqualTo(2.0);
        JsonNode row = body.get("classes").get(0);
        double count = row.get("current").asDouble();
        assertThat(row.get("concentration_per_l").asDouble()).isEqualTo(count / 2);
        assertThat(row.get("concentration_per_m3").asDouble()).isEqualTo(count / 2 * 1000);
        assertThat(row.get("concentration_per_l_low").asDouble()).isEqualTo(row.get("current_low").asDouble() / 2);
        assertThat(row.get("concentration_per_l_high").asDouble()).isEqualTo(row.get("current_high").asDouble() / 2);
        assertThat(row.get("concentration_per_m3_high").asDouble()).isEqualTo(row.get("current_high").asDouble() * 500);
        assertThat(row.get("sized_objects").asInt()).isEqualTo(row.get("current").asInt());
        assertThat(row.get("mean_esd_um").asDouble()).isPositive();
        assertThat(row.get("total_biovolume_mm3").asDouble()).isPositive();
    }
}
