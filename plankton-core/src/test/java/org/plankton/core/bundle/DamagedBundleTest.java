package org.plankton.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DamagedBundleTest {

    @TempDir
    Path tmp;

    Path dir;

    @BeforeEach
    void writeGoodBundle() throws IOException {
        dir = tmp.resolve("model");
        BundleWriter.write(dir, BundleFixtures.draft("x"), BundleFixtures.dummyWeights(3));
    }

    private AbstractThrowableAssert<?, ? extends Throwable> reading(Path bundle) {
        return assertThatThrownBy(() -> BundleReader.read(bundle))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining(bundle.toString());
    }

    private void editManifest(String from, String to) throws IOException {
        Path m = dir.resolve("manifest.json");
        String text = Files.readString(m);
        assertThat(text).contains(from);
        Files.writeString(m, text.replace(from, to));
    }

    @Test
    void missingFolder() {
        reading(tmp.resolve("nothing")).hasMessage("no model bundle at " + tmp.resolve("nothing"));
    }

    @Test
    void fileInsteadOfFolder() throws IOException {
        Path file = Files.writeString(tmp.resolve("model.zip"), "zip");
        reading(file).hasMessageContaining("no model bundle at").hasMessageContaining("not a directory");
    }

    @Test
    void missingManifest() throws IOException {
        Files.delete(dir.resolve("manifest.json"));
        reading(dir).hasMessage(dir + " is not a plankton model bundle: manifest.json missing");
    }

    @Test
    void truncatedManifest() throws IOException {
        Path m = dir.resolve("manifest.json");
        String text = Files.readString(m);
        Files.writeString(m, text.substring(0, text.length() / 2));
        reading(dir).hasMessageContaining("manifest.json is not valid JSON").hasMessageContaining("line ");
    }

    @Test
    void futureFormatVersion() throws IOException {
        editManifest("\"format_version\" : 1", "\"format_version\" : 7");
        reading(dir).hasMessage(dir + ": bundle format version 7 is newer than this plankton supports (1); upgrade plankton");
    }

    @Test
    void wrongKind() throws IOException {
        editManifest("\"plankton-model\"", "\"tensorflow-thing\"");
        reading(dir).hasMessageContaining("is not a plankton model bundle").hasMessageContaining("'tensorflow-thing'");
    }

    @Test
    void weightsTruncatedByOneByte() throws IOException {
        Path w = dir.resolve("model.params");
        byte[] b = Files.readAllBytes(w);
        Files.write(w, java.util.Arrays.copyOf(b, b.length - 1));
        reading(dir).hasMessageContaining("weights file " + w + " is damaged or incomplete")
                .hasMessageContaining("size 9999 bytes, manifest.json says 10000");
    }

    @Test
    void weightsCorruptedInPlace() throws IOException {
        Path w = dir.resolve("model.params");
        byte[] b = Files.readAllBytes(w);
        b[5000] ^= 1;
        Files.write(w, b);
        reading(dir).hasMessageContaining("weights file " + w + " is damaged or incomplete: sha256 mismatch");
    }

    @Test
    void missingWeights() throws IOException {
        Files.delete(dir.resolve("model.params"));
        reading(dir).hasMessageContaining("weights file").hasMessageContaining("model.params missing");
    }

    @Test
    void classesWithWrongCount() throws IOException {
        Files.writeString(dir.resolve("classes.txt"), "a\nb\n");
        reading(dir).hasMessageContaining("classes.txt lists 2 classes but manifest.json says num_classes 3");
    }

    @Test
    void missingClasses() throws IOException {
        Files.delete(dir.resolve("classes.txt"));
        reading(dir).hasMessageContaining("classes.txt missing");
    }

    @Test
    void invalidPreprocessValueIsWrapped() throws IOException {
        editManifest("\"image_size\" : 48", "\"image_size\" : 4");
        reading(dir).hasMessageContaining("invalid manifest.json: imageSize must be in [8, 1024], got 4")
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingRequiredKey() throws IOException {
        editManifest("\"num_classes\" : 3,", "");
        reading(dir).hasMessageContaining("invalid manifest.json").hasMessageContaining("num_classes");
    }

    @Test
    void unparsableMetrics() throws IOException {
        Files.writeString(dir.resolve("metrics.json"), "[1, 2");
        reading(dir).hasMessageContaining("metrics.json is not a valid JSON object");
    }
}
