package org.plankton.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleRoundTripTest {

    @TempDir
    Path tmp;

    private List<String> siblings() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeThenReadGivesTheSameBundle() throws Exception {
        Path dir = tmp.resolve("models/first");
        BundleDraft draft = BundleFixtures.draft("vgg-small");

        ModelBundle written = BundleWriter.write(dir, draft, BundleFixtures.dummyWeights(1));
        ModelBundle read = BundleReader.read(dir);

        assertThat(read).isEqualTo(written);
        assertThat(read.classes()).isEqualTo(draft.classes());
        assertThat(read.manifest().preprocess()).isEqualTo(draft.preprocess());
        assertThat(read.manifest().architecture()).isEqualTo(draft.architecture());
        assertThat(read.manifest().architecture().keySet()).containsExactly("name", "filters", "dropout", "cyclic");
        assertThat(read.provenance()).isEqualTo(draft.provenance());
        assertThat(read.metrics()).isEqualTo(draft.metrics());
        assertThat(read.manifest().weightsBytes()).isEqualTo(10_000);
        assertThat(Files.readAllBytes(read.weightsPath())).isEqualTo(BundleFixtures.weights(1));
        assertThat(Files.readString(dir.resolve("classes.txt"))).isEqualTo("amphipod\ncopepod\nshrimp, like\n");
        String manifest = Files.readString(dir.resolve("manifest.json"));
        assertThat(manifest).startsWith("{\n  \"format_version\" : 1,\n  \"kind\" : \"plankton-model\"")
                .contains("\"weights_sha256\"", "\"image_size\" : 48");
        try (Stream<Path> s = Files.list(tmp.resolve("models"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("first");
        }
    }

    @Test
    void rewritingReplacesTheBundleAndLeavesNoDebris() throws Exception {
        Path dir = tmp.resolve("m");
        BundleWriter.write(dir, BundleFixtures.draft("one"), BundleFixtures.dummyWeights(1));
        BundleWriter.write(dir, BundleFixtures.draft("two"), BundleFixtures.dummyWeights(2));

        ModelBundle read = BundleReader.read(dir);
        assertThat(read.manifest().architecture()).containsEntry("name", "two");
        assertThat(Files.readAllBytes(read.weightsPath())).isEqualTo(BundleFixtures.weights(2));
        assertThat(siblings()).containsExactly("m");
    }

    @Test
    void failingWeightsWriterKeepsTheOldBundleUntouched() throws Exception {
        Path dir = tmp.resolve("m");
        ModelBundle old = BundleWriter.write(dir, BundleFixtures.draft("old"), BundleFixtures.dummyWeights(1));

        assertThatThrownBy(() -> BundleWriter.write(dir, BundleFixtures.draft("new"), file -> {
            Files.write(file, new byte[] {1, 2, 3});
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        assertThat(BundleReader.read(dir)).isEqualTo(old);
        assertThat(siblings()).containsExactly("m");
    }

    @Test
    void weightsWriterThatWritesNothingIsAnError() {
        Path dir = tmp.resolve("m");
        assertThatThrownBy(() -> BundleWriter.write(dir, BundleFixtures.draft("x"), file -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("did not create");
        assertThat(dir).doesNotExist();
    }

    @Test
    void refusesToReplaceAFolderThatIsNotABundle() throws IOException {
        Path dir = tmp.resolve("precious");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("thesis.tex"), "years of work");
        assertThatThrownBy(() -> BundleWriter.write(dir, BundleFixtures.draft("x"), BundleFixtures.dummyWeights(1)))
                .isInstanceOf(IOException.class).hasMessageContaining("not a plankton model bundle");
        assertThat(dir.resolve("thesis.tex")).hasContent("years of work");
    }

    @Test
    void refusesToReplaceAnotherToolsManifestFolder() throws IOException {
        Path dir = tmp.resolve("other");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("manifest.json"), "{\"kind\": \"web-app\"}");
        assertThatThrownBy(() -> BundleWriter.write(dir, BundleFixtures.draft("x"), BundleFixtures.dummyWeights(1)))
                .isInstanceOf(IOException.class).hasMessageContaining("not a plankton model's");
        assertThat(dir.resolve("manifest.json")).exists();
    }

    @Test
    void updateMetricsRewritesOnlyMetrics() throws Exception {
        Path dir = tmp.resolve("m");
        ModelBundle old = BundleWriter.write(dir, BundleFixtures.draft("x"), BundleFixtures.dummyWeights(1));
        BundleWriter.updateMetrics(dir, Map.of("test_log_loss", 0.9));
        ModelBundle read = BundleReader.read(dir);
        assertThat(read.metrics()).isEqualTo(Map.of("test_log_loss", 0.9));
        assertThat(read.manifest()).isEqualTo(old.manifest());
        assertThatThrownBy(() -> BundleWriter.updateMetrics(tmp.resolve("none"), Map.of()))
                .isInstanceOf(IOException.class).hasMessageContaining("none");
    }

    @Test
    void draftRejectsReservedOrPathLikeWeightsNames() {
        BundleDraft d = BundleFixtures.draft("x");
        assertThatThrownBy(() -> new BundleDraft(d.classes(), d.preprocess(), d.architecture(), d.provenance(),
                d.metrics(), "manifest.json")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> new BundleDraft(d.classes(), d.preprocess(), d.architecture(), d.provenance(),
                d.metrics(), "../w.bin")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'../w.bin'");
    }
}
