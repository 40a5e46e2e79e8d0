package org.plankton.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** domain.json is written through BundleWriter.rewrite and checksummed in the manifest like model.onnx. */
class DomainInManifestTest {

    @TempDir
    Path tmp;

    @Test
    void rewriteRecordsTheDomainFileAndLoadChecksIt() throws Exception {
        Path dir = tmp.resolve("model");
        BundleWriter.write(dir, BundleFixtures.draft("x"), BundleFixtures.dummyWeights(3));
        assertThat(BundleReader.read(dir).manifest().domainFile()).isNull();
        assertThat(Files.readString(dir.resolve(ModelBundle.MANIFEST_FILE))).doesNotContain("domain");

        ModelBundle b = BundleWriter.rewrite(dir, copy -> Files.writeString(copy.resolve(ModelBundle.DOMAIN_FILE), "{}"),
                false);
        assertThat(b.manifest().domainFile()).isEqualTo(ModelBundle.DOMAIN_FILE);
        ModelBundle read = BundleReader.read(dir);
        assertThat(read.manifest().domainSha256()).isEqualTo(Sha256.of(dir.resolve(ModelBundle.DOMAIN_FILE)));
        assertThat(read.domainPath()).contains(dir.toAbsolutePath().normalize().resolve(ModelBundle.DOMAIN_FILE));

        Files.writeString(dir.resolve(ModelBundle.DOMAIN_FILE), "{ }");
        assertThatThrownBy(() -> BundleReader.read(dir)).isInstanceOf(BundleException.class)
                .hasMessageContaining("domain.json").hasMessageContaining("sha256 mismatch");
        Files.delete(dir.resolve(ModelBundle.DOMAIN_FILE));
        assertThatThrownBy(() -> BundleReader.read(dir)).hasMessageContaining("missing");
    }

    @Test
    void rewriteWithoutDomainFileDropsTheKeys() throws IOException, BundleException {
        Path dir = tmp.resolve("model");
        BundleWriter.write(dir, BundleFixtures.draft("x"), BundleFixtures.dummyWeights(3));
        BundleWriter.rewrite(dir, copy -> Files.writeString(copy.resolve(ModelBundle.DOMAIN_FILE), "{}"), false);
        BundleWriter.rewrite(dir, copy -> Files.delete(copy.resolve(ModelBundle.DOMAIN_FILE)), false);
        assertThat(BundleReader.read(dir).manifest().domainFile()).isNull();
    }

    @Test
    void aCalibrationStyleRewriteKeepsTheDomainFile() throws Exception {
        Path dir = tmp.resolve("model");
        BundleWriter.write(dir, BundleFixtures.draft("x"), BundleFixtures.dummyWeights(3));
        BundleWriter.rewrite(dir, copy -> Files.writeString(copy.resolve(ModelBundle.DOMAIN_FILE), "{}"), false);
        BundleWriter.rewrite(dir, copy -> Files.writeString(copy.resolve("calibration.json"), "{}"));
        ModelBundle read = BundleReader.read(dir);
        assertThat(read.manifest().domainFile()).isEqualTo(ModelBundle.DOMAIN_FILE);
        assertThat(read.manifest().domainSha256()).isEqualTo(Sha256.of(dir.resolve(ModelBundle.DOMAIN_FILE)));
    }
}
