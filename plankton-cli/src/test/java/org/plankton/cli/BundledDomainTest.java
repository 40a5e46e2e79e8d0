package org.plankton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.domain.DomainFile;
import org.plankton.core.domain.DomainModel;

/** The bundled model's domain.json: valid, checksummed, passes its own NDSB images and flags another instrument's. */
class BundledDomainTest {

    private static final Path WHOI = Path.of("..", "..", "shared", "data", "whoi-ifcb", "images");

    static JsonNode lastJsonLine(String out) throws Exception {
        String[] lines = out.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    @Test
    void bundledModelHasAChecksummedDomainModel() throws Exception {
        Path bundled = BundledModelTest.BUNDLED;
        assertThat(BundleReader.read(bundled).manifest().domainFile()).isEqualTo(DomainFile.NAME);
        DomainModel m = DomainFile.read(bundled.resolve(DomainFile.NAME));
        assertThat(m.classes()).isEqualTo(121);
        assertThat(m.width()).isEqualTo(592);
        assertThat(m.inDomainPass()).isEqualTo(0.95);
        assertThat(Files.size(bundled.resolve(DomainFile.NAME))).isLessThan(600_000);
    }

    @Test
    void demoSamplesAreInDomain() throws Exception {
        CliTest.Run r = CliTest.run("domain-check", "--model", BundledModelTest.BUNDLED.toString(), "--json",
                Path.of("..", "samples").toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = lastJsonLine(r.out());
        assertThat(json.get("images").asInt()).isEqualTo(24);
        // 5% of in-domain images are flagged by design: a few of 24 at most.
        assertThat(json.get("out_of_domain_fraction").asDouble()).isLessThan(0.25);
    }

    @Test
    void anotherInstrumentIsOutOfDomain() throws Exception {
        assumeTrue(Files.isDirectory(WHOI), "WHOI IFCB images not found at " + WHOI + ": test skipped");
        List<String> args = new ArrayList<>(List.of("domain-check", "--model", BundledModelTest.BUNDLED.toString(), "--json"));
        try (Stream<Path> files = Files.walk(WHOI)) {
            files.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(60).forEach(p -> args.add(p.toString()));
        }
        CliTest.Run r = CliTest.run(args.toArray(new String[0]));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = lastJsonLine(r.out());
        assertThat(json.get("images").asInt()).isEqualTo(60);
        assertThat(json.get("out_of_domain_fraction").asDouble()).isGreaterThan(0.8);
        assertThat(json.get("verdict").asText()).isEqualTo("out-of-domain");
        assertThat(r.out()).contains("advice:").contains("train --init");
    }
}
