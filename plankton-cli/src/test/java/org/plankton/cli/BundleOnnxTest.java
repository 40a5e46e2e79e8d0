package org.plankton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.calibration.Calibration;
import org.plankton.core.features.SizeFeatures;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecoder;
import org.plankton.core.preprocess.Affine;
import org.plankton.core.preprocess.Preprocessor;
import org.plankton.core.testing.SyntheticPlankton;
import org.plankton.nn.infer.Classifier;
import org.plankton.onnx.OnnxExport;

/**
 * Every bundle the CLI writes (train, calibrate, ensemble) carries model.onnx, recorded with its
 * SHA-256 in the manifest, and that file computes what the bundle computes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BundleOnnxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @TempDir
    static Path tmp;
    static Path data;
    static Path model;

    @BeforeAll
    static void setUp() throws Exception {
        data = SyntheticPlankton.writeDataset(tmp.resolve("shapes"), 3, 24, 7);
        model = tmp.resolve("model");
    }

    private static CliTest.Run train(Path out, String seed) {
        return CliTest.run("train", "--data", data.toString(), "--out", out.toString(), "--epochs", "1", "--seed", seed,
                "--image-size", "24", "--arch", "tiny", "--batch-size", "16", "--lr", "0.05", "--val-fraction", "0.25");
    }

    @Test
    @Order(1)
    void trainedBundleCarriesModelOnnxThatGivesTheCalibratedProbabilities() throws Exception {
        CliTest.Run r = train(model, "3");
        assertThat(r.code()).as(r.err()).isZero();
        ModelBundle bundle = BundleReader.read(model);
        assertThat(bundle.manifest().onnxFile()).isEqualTo(ModelBundle.ONNX_FILE);
        assertThat(model.resolve(ModelBundle.ONNX_FILE)).exists();
        assertThat(bundle.manifest().onnxSha256()).isEqualTo(sha256(model.resolve(ModelBundle.ONNX_FILE)));
        // train calibrates at the end, so the graph's temperature is the fitted one, not 1
        assertThat(onnxTemperature(model.resolve(ModelBundle.ONNX_FILE)))
                .isCloseTo(Calibration.readFrom(model).plain().temperature(), org.assertj.core.data.Offset.offset(1e-6));

        List<GrayImage> images = images(data);
        float[][] viaClassifier;
        try (Classifier c = Classifier.load(model)) {
            viaClassifier = c.predict(images);
        }
        float[][] viaOnnx = runOnnx(bundle, images);
        assertThat(viaOnnx.length).isEqualTo(viaClassifier.length);
        double maxDiff = 0;
        for (int i = 0; i < viaOnnx.length; i++) {
            for (int k = 0; k < viaOnnx[i].length; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(viaOnnx[i][k] - viaClassifier[i][k]));
            }
        }
        assertThat(maxDiff).isLessThan(1e-4);

        CliTest.Run info = CliTest.run("info", "--model", model.toString());
        assertThat(info.code()).as(info.err()).isZero();
        assertThat(info.out()).contains("onnx:         model.onnx (sha256 " + bundle.manifest().onnxSha256() + ")");
    }

    @Test
    @Order(2)
    void calibrateRewritesModelOnnxWithTheNewTemperature() throws Exception {
        Path heldOut = SyntheticPlankton.writeDataset(tmp.resolve("held-out"), 3, 8, 99);
        double before = Calibration.readFrom(model).plain().temperature();
        CliTest.Run r = CliTest.run("calibrate", "--model", model.toString(), "--data", heldOut.toString(),
                "--split", "all");
        assertThat(r.code()).as(r.err()).isZero();
        double after = Calibration.readFrom(model).plain().temperature();
        assertThat(after).isNotEqualTo(before);
        ModelBundle bundle = BundleReader.read(model);
        assertThat(bundle.manifest().onnxSha256()).isEqualTo(sha256(model.resolve(ModelBundle.ONNX_FILE)));
        assertThat(onnxTemperature(model.resolve(ModelBundle.ONNX_FILE))).isCloseTo(after, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(tmp).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("model.tmp-")
                || p.getFileName().toString().startsWith("model.old-"));
    }

    @Test
    @Order(3)
    void ensembleBundleCarriesOneGraph() throws Exception {
        Path second = tmp.resolve("model2");
        assertThat(train(second, "3").code()).isZero();
        Path ens = tmp.resolve("ens");
        CliTest.Run r = CliTest.run("ensemble", "--models", model.toString(), second.toString(), "--data",
                data.toString(), "--out", ens.toString());
        assertThat(r.code()).as(r.err()).isZero();
        EnsembleBundle e = EnsembleBundle.read(ens);
        assertThat(e.onnxSha256()).isEqualTo(sha256(ens.resolve(ModelBundle.ONNX_FILE)));
        JsonNode manifest = JSON.readTree(ens.resolve(EnsembleBundle.FILE).toFile());
        assertThat(manifest.get("onnx_file").asText()).isEqualTo(ModelBundle.ONNX_FILE);
        try (OrtSession s = ENV.createSession(ens.resolve(ModelBundle.ONNX_FILE).toString())) {
            assertThat(JSON.readTree(s.getMetadata().getCustomMetadata().get("plankton.members"))).hasSize(2);
        }
        CliTest.Run info = CliTest.run("info", "--model", ens.toString());
        assertThat(info.out()).contains("onnx:         model.onnx (sha256 " + e.onnxSha256() + ")");

        Files.write(ens.resolve(ModelBundle.ONNX_FILE), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> EnsembleBundle.read(ens)).isInstanceOf(BundleException.class)
                .hasMessageContaining(ModelBundle.ONNX_FILE).hasMessageContaining("sha256 mismatch");
    }

    @Test
    @Order(4)
    void damagedModelOnnxFailsTheLoadNamingIt() throws Exception {
        Path onnx = model.resolve(ModelBundle.ONNX_FILE);
        byte[] bytes = Files.readAllBytes(onnx);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(onnx, bytes);
        assertThatThrownBy(() -> BundleReader.read(model)).isInstanceOf(BundleException.class)
                .hasMessageContaining(onnx.toString()).hasMessageContaining("sha256 mismatch");
        CliTest.Run r = CliTest.run("info", "--model", model.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(ModelBundle.ONNX_FILE);
    }

    private static double onnxTemperature(Path onnx) throws Exception {
        try (OrtSession s = ENV.createSession(onnx.toString())) {
            JsonNode members = JSON.readTree(s.getMetadata().getCustomMetadata().get("plankton.members"));
            assertThat(members).hasSize(1);
            return members.get(0).get("temperature").asDouble();
        }
    }

    private static List<GrayImage> images(Path root) throws Exception {
        List<GrayImage> images = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                images.add(new ImageDecoder().decode(f));
            }
        }
        return images;
    }

    /** The inputs as docs/onnx.md prescribes: the bundle's preprocessing, and the raw size features. */
    private static float[][] runOnnx(ModelBundle bundle, List<GrayImage> images) throws Exception {
        var pc = bundle.manifest().preprocess();
        Preprocessor pre = new Preprocessor(pc);
        int n = images.size();
        int s = pc.imageSize();
        float[] pixels = new float[n * s * s];
        float[] features = new float[n * SizeFeatures.COUNT];
        for (int i = 0; i < n; i++) {
            pre.render(images.get(i), Affine.identity(), pixels, i * s * s);
            SizeFeatures.write(images.get(i), pc.invert(), features, i * SizeFeatures.COUNT);
        }
        try (OrtSession session = ENV.createSession(bundle.onnxPath().orElseThrow().toString())) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try {
                inputs.put(OnnxExport.IMAGE, OnnxTensor.createTensor(ENV, FloatBuffer.wrap(pixels), new long[] {n, 1, s, s}));
                if (session.getInputNames().contains(OnnxExport.SIZE_FEATURES)) {
                    inputs.put(OnnxExport.SIZE_FEATURES, OnnxTensor.createTensor(ENV, FloatBuffer.wrap(features),
                            new long[] {n, SizeFeatures.COUNT}));
                }
                assertThat(session.getInputNames()).isEqualTo(inputs.keySet());
                try (OrtSession.Result result = session.run(inputs)) {
                    return (float[][]) result.get(OnnxExport.PROBABILITIES).orElseThrow().getValue();
                }
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }
}
