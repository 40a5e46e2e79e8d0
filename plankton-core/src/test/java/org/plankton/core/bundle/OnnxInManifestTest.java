package org.plankton.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional ONNX keys of manifest.json. Core's tests have no exporter on the class path
 * (plankton-onnx registers it), so bundles are written without model.onnx here, as older bundles
 * were; the keys are added by hand to test how a reader treats them.
 */
class OnnxInManifestTest {

    @TempDir
    Path tmp;

    Path dir;

    @BeforeEach
    void writeBundle() throws IOException {
        dir = tmp.resolve("model");
        BundleWriter.write(dir, BundleFixtures.draft("x"), BundleFixtures.dummyWeights(3));
    }

    /** Records {@code onnx} as model.onnx in the manifest, as a writer with the exporter would. */
    private void addOnnx(byte[] onnx) throws IOException {
        Files.write(dir.resolve(ModelBundle.ONNX_FILE), onnx);
        Path m = dir.resolve(ModelBundle.MANIFEST_FILE);
        String text = Files.readString(m);
        Files.writeString(m, text.replaceFirst("\\{", "{\n  \"onnx_file\" : \"model.onnx\",\n  \"onnx_sha256\" : \""
                + Sha256.of(dir.resolve(ModelBundle.ONNX_FILE)) + "\","));
    }

    @Test
    void withoutAnExporterTheManifestHasNoOnnxKeysAndReadsAsBefore() throws Exception {
        assertThat(OnnxFileWriter.installed()).isEmpty();
        assertThat(Files.readString(dir.resolve(ModelBundle.MANIFEST_FILE))).doesNotContain("onnx");
        ModelBundle b = BundleReader.read(dir);
        assertThat(b.manifest().onnxFile()).isNull();
        assertThat(b.onnxPath()).isEmpty();
        assertThat(dir.resolve(ModelBundle.ONNX_FILE)).doesNotExist();
    }

    @Test
    void recordedOnnxFileIsCheckedOnLoad() throws Exception {
        addOnnx(new byte[] {8, 1, 2, 3});
        ModelBundle b = BundleReader.read(dir);
        assertThat(b.onnxPath()).contains(dir.resolve(ModelBundle.ONNX_FILE).toAbsolutePath().normalize());
        assertThat(b.manifest().onnxSha256()).isEqualTo(Sha256.of(dir.resolve(ModelBundle.ONNX_FILE)));

        Files.write(dir.resolve(ModelBundle.ONNX_FILE), new byte[] {8, 1, 2, 4});
        assertThatThrownBy(() -> BundleReader.read(dir)).isInstanceOf(BundleException.class)
                .hasMessageContaining("ONNX file " + dir.resolve(ModelBundle.ONNX_FILE).toAbsolutePath().normalize())
                .hasMessageContaining("sha256 mismatch");

        Files.delete(dir.resolve(ModelBundle.ONNX_FILE));
        assertThatThrownBy(() -> BundleReader.read(dir)).isInstanceOf(BundleException.class)
                .hasMessageContaining("model.onnx").hasMessageContaining("missing");
    }

    @Test
    void onnxFileWithoutItsChecksumIsAnInvalidManifest() throws Exception {
        Path m = dir.resolve(ModelBundle.MANIFEST_FILE);
        Files.writeString(m, Files.readString(m).replaceFirst("\\{", "{\n  \"onnx_file\" : \"model.onnx\","));
        assertThatThrownBy(() -> BundleReader.read(dir)).isInstanceOf(BundleException.class)
                .hasMessageContaining("onnx_file and onnx_sha256 come together");
    }

    @Test
    void weightsMayNotTakeTheOnnxFileName() {
        assertThatThrownBy(() -> new BundleDraft(BundleFixtures.draft("x").classes(), BundleFixtures.draft("x").preprocess(),
                java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), ModelBundle.ONNX_FILE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model.onnx");
    }

    @Test
    void refreshWithoutAnExporterDropsARecordedOnnxFileRatherThanLeaveItStale() throws Exception {
        addOnnx(new byte[] {8, 1, 2, 3});
        ModelBundle b = BundleWriter.refreshOnnx(dir);
        assertThat(b.manifest().onnxFile()).isNull();
        assertThat(dir.resolve(ModelBundle.ONNX_FILE)).doesNotExist();
        assertThat(BundleReader.read(dir).manifest()).isEqualTo(b.manifest());
        assertThat(Files.readString(dir.resolve(ModelBundle.MANIFEST_FILE))).doesNotContain("onnx");
        try (var siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("model");
        }
    }

    @Test
    void aRewriteAppliesItsChangeInTheCopyOrNotAtAll() throws Exception {
        addOnnx(new byte[] {8, 1, 2, 3});
        String manifestBefore = Files.readString(dir.resolve(ModelBundle.MANIFEST_FILE));
        // A change that fails half-way leaves the bundle exactly as it was, model.onnx included.
        assertThatThrownBy(() -> BundleWriter.rewrite(dir, copy -> {
            Files.writeString(copy.resolve("calibration.json"), "{\"temperature\": 2.0}");
            throw new java.io.IOException("disk full");
        })).hasMessageContaining("disk full");
        assertThat(dir.resolve("calibration.json")).doesNotExist();
        assertThat(Files.readString(dir.resolve(ModelBundle.MANIFEST_FILE))).isEqualTo(manifestBefore);
        assertThat(BundleReader.read(dir).manifest().onnxFile()).isEqualTo(ModelBundle.ONNX_FILE);
        // A change that succeeds is in the bundle that replaces it, with its metrics.
        ModelBundle b = BundleWriter.rewrite(dir, copy -> BundleWriter.updateMetrics(copy, java.util.Map.of("epoch", 7)));
        assertThat(b.metrics()).containsEntry("epoch", 7);
        assertThat(BundleReader.read(dir).metrics()).containsEntry("epoch", 7);
        try (var siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("model");
        }
    }
}
