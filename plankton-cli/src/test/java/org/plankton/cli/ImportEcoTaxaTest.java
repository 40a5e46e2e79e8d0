package org.plankton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.testing.SyntheticPlankton;
import org.plankton.server.export.EcoTaxaExport;
import org.plankton.server.images.ImageRecord;
import org.plankton.server.inference.Trust;
import org.plankton.server.images.ImageStream;
import org.plankton.server.images.Status;
import org.plankton.server.samples.Sample;
import org.plankton.server.storage.ContentHash;
import org.plankton.server.storage.ImageStore;

/** Round trip: an export written by our server's EcoTaxa exporter comes back as the same labelled images. */
class ImportEcoTaxaTest {

    @TempDir
    Path tmp;

    /** Validated (by a person, possibly correcting the model) or predicted, with the label EcoTaxa will see. */
    private record Img(Status status, String label, String predicted) {
    }

    private static final List<Img> IMAGES = List.of(
            new Img(Status.VALIDATED, "copepod", "detritus"),
            new Img(Status.VALIDATED, "Oithona similis", "Oithona similis"),
            new Img(Status.PREDICTED, "copepod", "copepod"),
            new Img(Status.VALIDATED, "detritus", "detritus"),
            new Img(Status.PREDICTED, "detritus", "detritus"),
            new Img(Status.VALIDATED, "copepod", "copepod"));

    @Test
    void roundTripThroughTheServersExportKeepsTheValidatedLabels() throws Exception {
        ImageStore store = new ImageStore(tmp.resolve("store"));
        Sample sample = new Sample(3, "Station 12", "", "2026-11-01T00:00:00Z", IMAGES.size(), null);
        List<ImageRecord> records = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        for (int i = 0; i < IMAGES.size(); i++) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(SyntheticPlankton.draw("disc", new Random(i)), "png", png);
            byte[] data = png.toByteArray();
            String sha = ContentHash.of(data);
            store.put(sha, data);
            bytes.add(data);
            Img m = IMAGES.get(i);
            boolean reviewed = m.status() == Status.VALIDATED;
            records.add(new ImageRecord(i + 1, 3, sha, "img" + i + ".png", "PNG", data.length, 64, 64, "ndsb-v4",
                    m.predicted(), 0.8, Map.of(m.predicted(), 0.8), "2026-11-01T00:00:00Z", m.status(), m.label(),
                    reviewed ? "ana" : null, reviewed ? "2026-11-02T10:11:12Z" : null, Trust.NONE));
        }
        ImageStream stream = v -> {
            for (ImageRecord r : records) {
                v.accept(r);
            }
        };
        Path zip = tmp.resolve("export.zip");
        try (OutputStream o = Files.newOutputStream(zip)) {
            EcoTaxaExport.writeZip(sample, stream, store, o);
        }

        Path out = tmp.resolve("train");
        CliTest.Run r = CliTest.run("import-ecotaxa", zip.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("4 images imported into 3 classes (validated only); 2 predicted and "
                + "0 dubious objects left out; 0 rows with errors (see " + out.resolve("import-report.csv") + ")");
        assertThat(r.err()).contains("category").contains("Oithona similis");

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < IMAGES.size(); i++) {
            if (IMAGES.get(i).status() == Status.VALIDATED) {
                String file = IMAGES.get(i).label() + "/" + EcoTaxaExport.sampleId(sample) + "_" + (i + 1) + ".png";
                expected.add(file);
                assertThat(out.resolve(file)).hasBinaryContent(bytes.get(i));
            }
        }
        expected.add("import-report.csv");
        try (Stream<Path> s = Files.walk(out)) {
            assertThat(s.filter(Files::isRegularFile).map(p -> out.relativize(p).toString().replace('\\', '/')))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }

        // a second import into the now non-empty folder is refused, with one line and exit code 1
        CliTest.Run again = CliTest.run("import-ecotaxa", zip.toString(), "--out", out.toString());
        assertThat(again.code()).isEqualTo(PlanktonCli.EXIT_FAILURE);
        assertThat(again.err().strip()).isEqualTo("plankton import-ecotaxa: " + out
                + " exists and is not empty (use --force to replace it)");
        CliTest.Run forced = CliTest.run("import-ecotaxa", zip.toString(), "--out", out.toString(), "--force", "--include-predicted");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(forced.out()).startsWith("6 images imported into 3 classes (validated and predicted); "
                + "0 predicted and 0 dubious objects left out");
    }

    @Test
    void withTheBundledModelCategoriesMapOntoItsClasses() throws Exception {
        Path export = Files.createDirectories(tmp.resolve("unpacked/s1"));
        Files.writeString(export.resolve("ecotaxa_s1.tsv"), "img_file_name\tobject_id\tobject_annotation_status\t"
                + "object_annotation_category\tobject_annotation_hierarchy\n[t]\t[t]\t[t]\t[t]\t[t]\n"
                + "a.png\ta\tvalidated\tCopepod_Calanoid\tBiota>Copepoda>Calanoida\n"
                + "b.png\tb\tvalidated\tcopepod_calanoid*\t\n"
                + "c.png\tc\tvalidated\tNoctiluca\tBiota>Dinoflagellata>Noctiluca\n", StandardCharsets.UTF_8);
        for (String n : List.of("a", "b", "c")) {
            ImageIO.write(SyntheticPlankton.draw("disc", new Random(n.hashCode())), "png",
                    export.resolve(n + ".png").toFile());
        }
        Path out = tmp.resolve("mapped");
        CliTest.Run r = CliTest.run("import-ecotaxa", tmp.resolve("unpacked").toString(), "--out", out.toString(),
                "--model", BundledModelTest.BUNDLED.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("copepod_calanoid/a.png")).exists();
        assertThat(out.resolve("copepod_calanoid_/b.png")).exists(); // a group of 9 classes: ambiguous, own name
        assertThat(out.resolve("Noctiluca/c.png")).exists();
        assertThat(Files.readString(out.resolve("import-report.csv")))
                .contains("category,Copepod_Calanoid,copepod_calanoid,class,1,0,0,1,,,\n")
                .contains("category,copepod_calanoid*,copepod_calanoid_,name,1,0,0,1,,,ambiguous: group "
                        + "copepod_calanoid* holds 9 classes\n")
                .contains("category,Noctiluca,Noctiluca,name,1,0,0,1,,,not in the model\n");
    }
}
