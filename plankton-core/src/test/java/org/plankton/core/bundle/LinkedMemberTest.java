package org.plankton.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A linked member is stored once, beside the ensemble, and pinned: the ensemble reads it in place while
 * its weights and calibration are the ones it was fitted with, and refuses it (naming it) when they
 * change; a self-contained copy (what {@code convert} and the Spark shipper make) holds every member.
 */
class LinkedMemberTest {

    @TempDir
    Path tmp;

    Path shared;
    Path other;
    Path ens;

    @BeforeEach
    void write() throws Exception {
        shared = tmp.resolve("models/default");
        other = tmp.resolve("runs/other");
        BundleWriter.write(shared, BundleFixtures.draft("x"), BundleFixtures.dummyWeights(3));
        BundleWriter.write(other, BundleFixtures.draft("x"), BundleFixtures.dummyWeights(4));
        Files.writeString(shared.resolve("calibration.json"), "{\"method\":\"temperature\",\"temperature\":1.1}\n");
        ens = tmp.resolve("models/default-ensemble");
        EnsembleBundle.write(ens, List.of(shared, other), new double[] {0.4, 0.6}, Map.of(),
                EnsembleLayout.of(List.of(shared, other)).withOnnx(false).withLinked(Set.of(0)));
    }

    @Test
    void theLinkedMemberIsReadInPlaceAndNotCopied() throws Exception {
        EnsembleBundle e = EnsembleBundle.read(ens);
        assertThat(e.members().get(0)).isEqualTo(shared.normalize());
        assertThat(e.members().get(1)).isEqualTo(ens.resolve("members/1"));
        assertThat(ens.resolve("members/0")).doesNotExist();
        JsonNode m = new ObjectMapper().readTree(ens.resolve(EnsembleBundle.FILE).toFile());
        assertThat(m.get("members").get(0).asText()).isEqualTo("../default");
        assertThat(m.get("format_version").asInt()).isEqualTo(2);
        assertThat(m.get("linked").get("../default").get("weights_sha256").asText())
                .isEqualTo(BundleReader.read(shared).manifest().weightsSha256());
        // Read through another spelling of the same folder.
        assertThat(EnsembleBundle.read(tmp.resolve("models/./default-ensemble")).members().get(0))
                .isEqualTo(shared.normalize());
    }

    @Test
    void anEnsembleWithoutLinksStaysFormatOne() throws Exception {
        Path plain = tmp.resolve("plain");
        EnsembleBundle.write(plain, List.of(shared, other), new double[] {0.5, 0.5}, Map.of(),
                EnsembleLayout.of(List.of(shared, other)).withOnnx(false));
        assertThat(new ObjectMapper().readTree(plain.resolve(EnsembleBundle.FILE).toFile()).get("format_version").asInt())
                .isEqualTo(1);
    }

    @Test
    void aChangedLinkedMemberIsRefusedByName() throws Exception {
        Files.writeString(shared.resolve("calibration.json"), "{\"method\":\"temperature\",\"temperature\":1.3}\n");
        assertThatThrownBy(() -> EnsembleBundle.read(ens)).isInstanceOf(BundleException.class)
                .hasMessageContaining("linked member ../default").hasMessageContaining("calibration.json changed")
                .hasMessageContaining("plankton ensemble");
        Files.writeString(shared.resolve("calibration.json"), "{\"method\":\"temperature\",\"temperature\":1.1}\n");
        EnsembleBundle.read(ens);

        BundleWriter.write(shared, BundleFixtures.draft("x"), BundleFixtures.dummyWeights(5));
        Files.writeString(shared.resolve("calibration.json"), "{\"method\":\"temperature\",\"temperature\":1.1}\n");
        assertThatThrownBy(() -> EnsembleBundle.read(ens)).isInstanceOf(BundleException.class)
                .hasMessageContaining("its weights changed");
    }

    @Test
    void aMissingLinkedMemberOrAnUnpinnedPathIsRefused() throws Exception {
        Path moved = tmp.resolve("elsewhere/ens");
        Files.createDirectories(moved.getParent());
        Files.move(ens, moved);
        assertThatThrownBy(() -> EnsembleBundle.read(moved)).isInstanceOf(BundleException.class)
                .hasMessageContaining("linked member ../default").hasMessageContaining("no model bundle at");

        Path f = ens.getParent().resolve("unpinned");
        Files.move(moved, f);
        String json = Files.readString(f.resolve(EnsembleBundle.FILE)).replace("\"linked\"", "\"not_linked\"");
        Files.writeString(f.resolve(EnsembleBundle.FILE), json);
        assertThatThrownBy(() -> EnsembleBundle.read(f)).isInstanceOf(BundleException.class)
                .hasMessageContaining("leaves the ensemble folder and is not a pinned linked member");
    }

    @Test
    void aSelfContainedCopyHoldsEveryMemberByteForByteAndTheOwnFiles() throws Exception {
        Files.writeString(ens.resolve("conformal.json"), "{}\n");
        assertThat(EnsembleBundle.read(ens).hasLinkedMembers()).isTrue();
        Path copy = tmp.resolve("elsewhere/copy");
        EnsembleBundle c = EnsembleBundle.copySelfContained(ens, copy);
        assertThat(c.hasLinkedMembers()).isFalse();
        assertThat(c.members()).allSatisfy(m -> assertThat(m).startsWith(copy));
        assertThat(c.weights()).containsExactly(0.4, 0.6);
        assertThat(c.members().get(0).resolve("calibration.json")).hasSameBinaryContentAs(shared.resolve("calibration.json"));
        assertThat(BundleReader.read(c.members().get(0)).manifest().weightsSha256())
                .isEqualTo(BundleReader.read(shared).manifest().weightsSha256());
        assertThat(copy.resolve("conformal.json")).hasContent("{}\n");
        assertThat(new ObjectMapper().readTree(copy.resolve(EnsembleBundle.FILE).toFile()).get("format_version").asInt())
                .isEqualTo(1);
    }

    @Test
    void aLinkedMemberCannotLiveInsideTheEnsemble() {
        assertThatThrownBy(() -> EnsembleLinks.relativeName(ens, ens.resolve("members/0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the ensemble folder");
    }
}
