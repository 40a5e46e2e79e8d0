package org.plankton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.testing.SyntheticPlankton;
import org.plankton.core.weights.Half;
import org.plankton.core.weights.NamedTensor;
import org.plankton.core.weights.Safetensors;

/**
 * {@code convert --weights float16}: half the bytes, the same classifier. A trained model's log loss
 * moves by less than 0.001, the ONNX graph stores the halves and computes what the bundle computes,
 * float32 widens back without loss, and ensembles convert member by member.
 */
class ConvertCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path data;
    static Path model;

    @BeforeAll
    static void setUp() throws Exception {
        data = SyntheticPlankton.writeDataset(tmp.resolve("shapes"), 3, 24, 5);
        model = tmp.resolve("model");
        CliTest.Run r = train(model, "3");
        assertThat(r.code()).as(r.err()).isZero();
    }

    /** One split (seed 3) for every model, so that they can be ensembled; {@code trainSeed} makes them differ. */
    private static CliTest.Run train(Path out, String trainSeed) {
        return CliTest.run("train", "--data", data.toString(), "--out", out.toString(), "--epochs", "2", "--seed", "3",
                "--train-seed", trainSeed,
                "--image-size", "24", "--arch", "tiny", "--batch-size", "16", "--lr", "0.05", "--val-fraction", "0.25");
    }

    @Test
    void float16HalvesTheModelAndKeepsItsLogLoss() throws Exception {
        Path half = tmp.resolve("half");
        CliTest.Run r = CliTest.run("convert", "--weights", "float16", "--model", model.toString(), "--out", half.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("model with float16 weights");

        ModelBundle b = BundleReader.read(half); // checksums of the new weights and model.onnx verified
        assertThat(Safetensors.dtypes(b.weightsPath()).values()).containsOnly("F16");
        assertThat((double) Files.size(b.weightsPath())).isLessThan(0.6 * Files.size(model.resolve("weights.safetensors")));
        assertThat((double) Files.size(b.onnxPath().orElseThrow()))
                .isLessThan(0.65 * Files.size(model.resolve(ModelBundle.ONNX_FILE)));
        List<NamedTensor> before = Safetensors.read(model.resolve("weights.safetensors")).tensors();
        List<NamedTensor> after = Safetensors.read(b.weightsPath()).tensors();
        assertThat(after).hasSameSizeAs(before);
        for (int t = 0; t < before.size(); t++) {
            assertThat(after.get(t).name()).isEqualTo(before.get(t).name());
            float[] v = before.get(t).values();
            for (int i = 0; i < v.length; i++) {
                assertThat(after.get(t).values()[i]).isEqualTo(Half.round(v[i]));
            }
        }
        for (String f : List.of("classes.txt", "calibration.json", "provenance.json", "metrics.json")) {
            assertThat(half.resolve(f)).hasSameTextualContentAs(model.resolve(f));
        }

        // The out-of-domain statistics carry over to the stored weights (they name the weights they belong to).
        assertThat(JSON.readTree(half.resolve(ModelBundle.DOMAIN_FILE).toFile()).get("weights_sha256").asText())
                .isEqualTo(b.manifest().weightsSha256());
        CliTest.Run classify = CliTest.run("classify", "--model", half.toString(), "--out", tmp.resolve("p.csv").toString(),
                data.toString());
        assertThat(classify.code()).as(classify.err()).isZero();

        JsonNode fp32 = evaluate(model, "torch");
        JsonNode fp16 = evaluate(half, "torch");
        assertThat(fp16.get("log_loss").asDouble()).isCloseTo(fp32.get("log_loss").asDouble(), within(0.001));
        // model.onnx (float16 initializers cast to float32) computes what the bundle's weights compute.
        JsonNode fp16Onnx = evaluate(half, "onnx");
        assertThat(fp16Onnx.get("log_loss").asDouble()).isCloseTo(fp16.get("log_loss").asDouble(), within(1e-4));
    }

    @Test
    void float32WidensBackWithoutLossAndInPlaceWorks() throws Exception {
        Path half = tmp.resolve("half-then-wide");
        assertThat(CliTest.run("convert", "--weights", "float16", "--model", model.toString(), "--out", half.toString())
                .code()).isZero();
        List<NamedTensor> halves = Safetensors.read(half.resolve("weights.safetensors")).tensors();
        CliTest.Run r = CliTest.run("convert", "--weights", "float32", "--model", half.toString(), "--out", half.toString());
        assertThat(r.code()).as(r.err()).isZero();
        ModelBundle b = BundleReader.read(half);
        assertThat(Safetensors.dtypes(b.weightsPath()).values()).containsOnly("F32");
        assertThat(Safetensors.read(b.weightsPath()).tensors()).isEqualTo(halves);
        assertThat(tmp).isDirectoryNotContaining(p -> p.getFileName().toString().contains(".tmp-")
                || p.getFileName().toString().contains(".old-"));
    }

    @Test
    void anEnsembleConvertsMemberByMember() throws Exception {
        Path second = tmp.resolve("model2");
        assertThat(train(second, "4").code()).isZero();
        Path ens = tmp.resolve("ens");
        CliTest.Run e = CliTest.run("ensemble", "--models", model.toString(), second.toString(), "--data", data.toString(),
                "--out", ens.toString());
        assertThat(e.code()).as(e.err()).isZero();
        Path half = tmp.resolve("ens-half");
        CliTest.Run r = CliTest.run("convert", "--weights", "float16", "--model", ens.toString(), "--out", half.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("ensemble of 2 members");
        EnsembleBundle converted = EnsembleBundle.read(half);
        assertThat(converted.weights()).isEqualTo(EnsembleBundle.read(ens).weights());
        assertThat(EnsembleBundle.sources(half)).isEqualTo(EnsembleBundle.sources(ens));
        for (Path m : converted.members()) {
            assertThat(Safetensors.dtypes(m.resolve("weights.safetensors")).values()).containsOnly("F16");
        }
        assertThat((double) Files.size(half.resolve(ModelBundle.ONNX_FILE)))
                .isLessThan(0.65 * Files.size(ens.resolve(ModelBundle.ONNX_FILE)));
        double fp32 = evaluate(ens, "torch").get("log_loss").asDouble();
        assertThat(evaluate(half, "torch").get("log_loss").asDouble()).isCloseTo(fp32, within(0.001));

        // --no-onnx: no model.onnx anywhere; the onnx engine exports each member in memory instead.
        Path bare = tmp.resolve("ens-bare");
        CliTest.Run noOnnx = CliTest.run("convert", "--weights", "float16", "--no-onnx", "--model", ens.toString(), "--out",
                bare.toString());
        assertThat(noOnnx.code()).as(noOnnx.err()).isZero();
        try (var files = Files.walk(bare)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals(ModelBundle.ONNX_FILE))).isEmpty();
        }
        EnsembleBundle b = EnsembleBundle.read(bare);
        assertThat(b.onnxSha256()).isNull();
        for (Path m : b.members()) {
            assertThat(BundleReader.read(m).manifest().onnxFile()).isNull();
        }
        assertThat(evaluate(bare, "onnx").get("log_loss").asDouble()).isCloseTo(fp32, within(0.001));

        // Converting float16 members to float16 again keeps their weight files byte for byte.
        Path again = tmp.resolve("ens-again");
        assertThat(CliTest.run("convert", "--weights", "float16", "--no-onnx", "--model", half.toString(), "--out",
                again.toString()).code()).isZero();
        EnsembleBundle h = EnsembleBundle.read(half);
        EnsembleBundle a = EnsembleBundle.read(again);
        for (int i = 0; i < h.members().size(); i++) {
            assertThat(a.members().get(i).resolve("weights.safetensors"))
                    .hasSameBinaryContentAs(h.members().get(i).resolve("weights.safetensors"));
            assertThat(BundleReader.read(a.members().get(i)).manifest().onnxFile()).isNull();
        }
    }

    @Test
    void badInputIsOneLineAndWritesNothing() {
        Path out = tmp.resolve("never");
        CliTest.Run notABundle = CliTest.run("convert", "--weights", "float16", "--model", tmp.resolve("nothing").toString(),
                "--out", out.toString());
        assertThat(notABundle.code()).isEqualTo(1);
        assertThat(notABundle.err().strip().lines()).hasSize(1);
        CliTest.Run badDtype = CliTest.run("convert", "--weights", "int4", "--model", model.toString(), "--out", out.toString());
        assertThat(badDtype.code()).isNotZero();
        assertThat(badDtype.err()).contains("float16 or float32");
        assertThat(out).doesNotExist();
    }

    private static JsonNode evaluate(Path bundle, String engine) throws Exception {
        CliTest.Run r = CliTest.run("evaluate", "--engine", engine, "--model", bundle.toString(), "--data", data.toString(),
                "--json");
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }
}
