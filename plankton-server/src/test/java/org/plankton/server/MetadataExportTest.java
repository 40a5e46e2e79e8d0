package org.plankton.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The sample's metadata and WoRMS names in the EcoTaxa TSV, and the Darwin Core Archive. */
class MetadataExportTest {

    @TempDir
    static Path tmp;
    static PlanktonServer server;
    static Http http;
    static long sample;
    static long copepod;

    @BeforeAll
    static void start() throws Exception {
        server = PlanktonServer.start(ServerConfig.local(TestModel.model(), tmp.resolve("data")).withPort(0));
        http = new Http(server.url(), null);
        Http.Response created = http.postJson("/api/samples", Http.map("name", "tow 7", "volume_l", 500,
                "fraction", 0.25, "datetime", "2024-05-01T10:30:00Z", "latitude", 43.68, "longitude", 7.31,
                "depth_min_m", 0, "depth_max_m", 200, "instrument", "ZooScan", "pixel_size_um", 10.6));
        sample = created.json().get("id").asLong();
        List<Http.Part> parts = new ArrayList<>();
        parts.addAll(TestModel.imageParts(5));
        var results = http.postFiles("/api/samples/" + sample + "/images", parts).json().get("results");
        copepod = results.get(0).get("image_id").asLong();
        long detritus = results.get(1).get("image_id").asLong();
        assertThat(http.postJson("/api/images/" + copepod + "/correct",
                Http.map("label", "copepod_other", "who", "ana", "new_class", true)).status()).isEqualTo(201);
        assertThat(http.postJson("/api/images/" + detritus + "/correct",
                Http.map("label", "detritus_other", "who", "ana", "new_class", true)).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ecoTaxaTsvCarriesMetadataTaxonNamesAndTheReviewer() throws Exception {
        String text = new String(http.get("/api/samples/" + sample + "/export.ecotaxa.tsv").body(),
                StandardCharsets.UTF_8).substring(1);
        String[] lines = text.split("\n");
        List<String> header = List.of(lines[0].split("\t", -1));
        List<String> types = List.of(lines[1].split("\t", -1));
        assertThat(types).hasSameSizeAs(header).allMatch(t -> t.equals("[t]") || t.equals("[f]"));
        assertThat(header).contains("object_annotation_person_name", "object_lat", "object_lon", "object_date",
                "object_time", "object_depth_min", "object_depth_max", "sample_id", "acq_id", "acq_instrument",
                "acq_pixel_size_um", "sample_volume_l", "acq_fraction");
        assertThat(types.get(header.indexOf("object_lat"))).isEqualTo("[f]");
        Map<String, String> row = null;
        for (int k = 2; k < lines.length; k++) {
            String[] cells = lines[k].split("\t", -1);
            if (cells[header.indexOf("object_id")].endsWith("_" + copepod)) {
                row = new HashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    row.put(header.get(c), cells[c]);
                }
            }
            assertThat(cells).hasSize(header.size());
        }
        assertThat(row).isNotNull();
        assertThat(row.get("object_annotation_category")).isEqualTo("Copepoda");
        assertThat(row.get("object_plankton_label")).isEqualTo("copepod_other");
        assertThat(row.get("object_annotation_status")).isEqualTo("validated");
        assertThat(row.get("object_annotation_person_name")).isEqualTo("ana");
        assertThat(row.get("object_lat")).isEqualTo("43.68");
        assertThat(row.get("object_lon")).isEqualTo("7.31");
        assertThat(row.get("object_date")).isEqualTo("20240501");
        assertThat(row.get("object_time")).isEqualTo("103000");
        assertThat(row.get("object_depth_min")).isEqualTo("0");
        assertThat(row.get("object_depth_max")).isEqualTo("200");
        assertThat(row.get("acq_instrument")).isEqualTo("ZooScan");
        assertThat(row.get("acq_pixel_size_um")).isEqualTo("10.6");
        assertThat(row.get("sample_volume_l")).isEqualTo("500");
        assertThat(row.get("acq_fraction")).isEqualTo("0.25");
        assertThat(row.get("acq_id")).isEqualTo("acq_" + row.get("sample_id"));
    }

    @Test
    void darwinCoreArchiveHasMetaXmlTermsAndOneOccurrencePerOrganismClass() throws Exception {
        Http.Response r = http.get("/api/samples/" + sample + "/export.dwca.zip");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("dwca_tow_7_" + sample + ".zip");
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                files.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(files).containsOnlyKeys("meta.xml", "eml.xml", "event.txt", "occurrence.txt");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document meta = f.newDocumentBuilder().parse(new ByteArrayInputStream(files.get("meta.xml")
                .getBytes(StandardCharsets.UTF_8)));
        Element archive = meta.getDocumentElement();
        assertThat(archive.getNamespaceURI()).isEqualTo("http://rs.tdwg.org/dwc/text/");
        assertThat(archive.getAttribute("metadata")).isEqualTo("eml.xml");
        Element core = (Element) archive.getElementsByTagNameNS("*", "core").item(0);
        Element ext = (Element) archive.getElementsByTagNameNS("*", "extension").item(0);
        assertThat(core.getAttribute("rowType")).isEqualTo("http://rs.tdwg.org/dwc/terms/Event");
        assertThat(ext.getAttribute("rowType")).isEqualTo("http://rs.tdwg.org/dwc/terms/Occurrence");
        assertThat(core.getAttribute("fieldsTerminatedBy")).isEqualTo("\\t");
        Map<String, Integer> eventTerms = terms(core);
        Map<String, Integer> occTerms = terms(ext);
        assertThat(eventTerms).containsKeys("eventID", "eventDate", "decimalLatitude", "decimalLongitude",
                "minimumDepthInMeters", "maximumDepthInMeters", "sampleSizeValue", "sampleSizeUnit");
        assertThat(occTerms).containsKeys("occurrenceID", "eventID", "scientificName", "scientificNameID",
                "individualCount", "organismQuantity", "organismQuantityType", "basisOfRecord",
                "identificationVerificationStatus", "occurrenceStatus");
        assertThat(ext.getElementsByTagNameNS("*", "coreid").getLength()).isEqualTo(1);
        String location = core.getElementsByTagNameNS("*", "location").item(0).getTextContent();
        assertThat(files).containsKey(location);

        String[] event = files.get("event.txt").split("\n")[1].split("\t", -1);
        assertThat(event).hasSize(eventTerms.size());
        assertThat(event[eventTerms.get("eventDate")]).isEqualTo("2024-05-01T10:30:00Z");
        assertThat(event[eventTerms.get("decimalLatitude")]).isEqualTo("43.68");
        assertThat(event[eventTerms.get("maximumDepthInMeters")]).isEqualTo("200");
        assertThat(event[eventTerms.get("sampleSizeValue")]).isEqualTo("125"); // 500 L * 0.25 imaged

        List<String[]> occ = Arrays.stream(files.get("occurrence.txt").split("\n")).skip(1)
                .map(l -> l.split("\t", -1)).toList();
        assertThat(occ).allSatisfy(o -> {
            assertThat(o).hasSize(occTerms.size());
            assertThat(o[occTerms.get("eventID")]).isEqualTo(event[0]);
            assertThat(o[occTerms.get("basisOfRecord")]).isEqualTo("MachineObservation");
            assertThat(o[occTerms.get("occurrenceStatus")]).isEqualTo("present");
        });
        // detritus is not an organism: no occurrence
        assertThat(occ).noneMatch(o -> o[occTerms.get("occurrenceID")].endsWith("detritus_other"));
        String[] cop = occ.stream().filter(o -> o[occTerms.get("occurrenceID")].endsWith(":copepod_other"))
                .findFirst().orElseThrow();
        assertThat(cop[occTerms.get("scientificName")]).isEqualTo("Copepoda");
        assertThat(cop[occTerms.get("scientificNameID")]).isEqualTo("urn:lsid:marinespecies.org:taxname:1080");
        assertThat(cop[occTerms.get("individualCount")]).isEqualTo("1");
        assertThat(cop[occTerms.get("organismQuantity")]).isEqualTo("8"); // 1 / 125 L * 1000
        assertThat(cop[occTerms.get("organismQuantityType")]).isEqualTo("individuals per cubic metre");
        assertThat(cop[occTerms.get("identificationVerificationStatus")]).isEqualTo("validated");
        // the tiny model's own classes are in no mapping: Biota, with the class kept verbatim
        assertThat(occ).anySatisfy(o -> {
            assertThat(o[occTerms.get("scientificName")]).isEqualTo("Biota");
            assertThat(o[occTerms.get("verbatimIdentification")]).isIn("bar", "cross", "disc");
            assertThat(o[occTerms.get("identificationVerificationStatus")]).isEqualTo("predicted");
        });
        Document eml = f.newDocumentBuilder().parse(new ByteArrayInputStream(files.get("eml.xml")
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(eml.getElementsByTagName("title").item(0).getTextContent()).contains("tow 7");
    }

    private static Map<String, Integer> terms(Element section) {
        Map<String, Integer> out = new HashMap<>();
        NodeList fields = section.getElementsByTagNameNS("*", "field");
        for (int i = 0; i < fields.getLength(); i++) {
            Element e = (Element) fields.item(i);
            String term = e.getAttribute("term");
            assertThat(term).startsWith("http://rs.tdwg.org/dwc/terms/");
            out.put(term.substring("http://rs.tdwg.org/dwc/terms/".length()), Integer.parseInt(e.getAttribute("index")));
        }
        return out;
    }
}
