package org.plankton.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged ensemble folder fails with one line naming the folder and what is wrong. */
class DamagedEnsembleTest {

    @TempDir
    Path tmp;

    Path dir;

    @BeforeEach
    void writeGoodEnsemble() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        BundleWriter.write(a, BundleFixtures.draft("x"), BundleFixtures.dummyWeights(3));
        BundleWriter.write(b, BundleFixtures.draft("x"), BundleFixtures.dummyWeights(4));
        dir = tmp.resolve("ens");
        EnsembleBundle.write(dir, List.of(a, b), new double[] {0.25, 0.75}, Map.of(),
                EnsembleLayout.of(List.of(a, b)).withOnnx(false));
        assertThat(EnsembleBundle.read(dir).weights()).containsExactly(0.25, 0.75);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> reading() {
        return assertThatThrownBy(() -> EnsembleBundle.read(dir)).isInstanceOf(BundleException.class)
                .hasMessageContaining(dir.toString()).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private void editManifest(String from, String to) throws IOException {
        Path m = dir.resolve(EnsembleBundle.FILE);
        String text = Files.readString(m);
        assertThat(text).contains(from);
        Files.writeString(m, text.replace(from, to));
    }

    @Test
    void truncatedManifestSaysWhere() throws IOException {
        Path m = dir.resolve(EnsembleBundle.FILE);
        String text = Files.readString(m);
        Files.writeString(m, text.substring(0, text.length() / 2));
        reading().hasMessageContaining("ensemble.json is not valid JSON").hasMessageContaining("(line ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Source:"));
    }

    @Test
    void wrongKindOrFutureVersion() throws IOException {
        editManifest("\"format_version\" : 1", "\"format_version\" : 9");
        reading().hasMessageContaining("ensemble format version 9 is not supported");
        editManifest("\"format_version\" : 9", "\"format_version\" : 1");
        editManifest("plankton-ensemble", "something-else");
        reading().hasMessageContaining("kind 'something-else'");
    }

    @Test
    void aMemberPathLeavingTheFolderIsRefused() throws IOException {
        editManifest("\"members/1\"", "\"../a\"");
        reading().hasMessageContaining("leaves the ensemble folder");
    }

    @Test
    void aMissingOrDamagedMemberIsNamed() throws IOException {
        Files.delete(dir.resolve("members/1/manifest.json"));
        assertThatThrownBy(() -> EnsembleBundle.read(dir)).isInstanceOf(BundleException.class)
                .hasMessageContaining(dir.resolve("members/1").toString()).hasMessageContaining("manifest.json missing");
    }

    @Test
    void weightsThatDoNotMatchTheMembersAreRefused() throws IOException {
        editManifest("\"weights\" : [ 0.25, 0.75 ]", "\"weights\" : [ 1.0 ]");
        reading().hasMessageContaining("one weight per member");
    }
}
