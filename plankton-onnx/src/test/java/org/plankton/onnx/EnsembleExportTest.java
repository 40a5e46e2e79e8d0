package org.plankton.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.bundle.BundleDraft;
import org.plankton.core.bundle.BundleWriter;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.calibration.Calibration;
import org.plankton.core.calibration.TemperatureScaling;
import org.plankton.core.data.ClassList;
import org.plankton.core.ensemble.EnsembleWeights;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;
import org.plankton.nn.torch.TorchNetwork;

/**
 * An ensemble folder exported as one graph: the members' calibrated probabilities blended with the
 * ensemble's weights, as the Classifier blends them. Members are small random networks written as
 * real bundles (safetensors weights, calibration.json), so the bundle-reading path is covered too.
 */
class EnsembleExportTest {

    private static final ClassList CLASSES = ClassList.of(List.of("a", "b", "c", "d"));
    private static final int N = 6;

    private record Member(Path dir, ArchitectureConfig arch, PreprocessConfig pc, double temperature) {
    }

    @Test
    void membersPreparedAlikeShareTheirInputs(@TempDir Path tmp) throws Exception {
        PreprocessConfig pc = new PreprocessConfig(32, 0.9, true, 0.04f, 0.2f);
        List<Member> members = List.of(
                new Member(tmp.resolve("m0"), ArchitectureConfig.tiny().withSizeFeatures(true), pc, 1.3),
                new Member(tmp.resolve("m1"), ArchitectureConfig.tiny().withMaxout(2), pc, 0.8));
        Map<String, float[][]> out = exportAndRun(tmp, members, new double[] {0.3, 0.7},
                List.of(OnnxExport.IMAGE, OnnxExport.SIZE_FEATURES));
        assertThat(out).containsKeys(OnnxExport.LOGITS, OnnxExport.PROBABILITIES);
    }

    @Test
    void membersPreparedDifferentlyGetInputsOfTheirOwn(@TempDir Path tmp) throws Exception {
        List<Member> members = List.of(
                new Member(tmp.resolve("m0"), ArchitectureConfig.tiny().withSizeFeatures(true),
                        new PreprocessConfig(32, 0.9, true, 0.04f, 0.2f), 1.0),
                new Member(tmp.resolve("m1"), ArchitectureConfig.tiny().withRotations(4, false),
                        new PreprocessConfig(31, 0.85, true, 0.05f, 0.25f), 1.5));
        exportAndRun(tmp, members, new double[] {0.55, 0.45},
                List.of("member0_image", "member0_size_features", "member1_image"));
    }

    private Map<String, float[][]> exportAndRun(Path tmp, List<Member> members, double[] weights, List<String> inputs)
            throws Exception {
        List<float[][]> calibrated = new ArrayList<>();
        Map<String, OrtModel.Input> feed = new LinkedHashMap<>();
        List<OnnxMember> spec = members.stream().map(m -> new OnnxMember(m.arch(), m.pc(), List.of(), 1)).toList();
        for (int k = 0; k < members.size(); k++) {
            Member m = members.get(k);
            InputLayout layout = InputLayout.of(m.arch(), m.pc().imageSize());
            float[] rows = Rows.synthetic(layout, m.pc(), N, 5);
            float[][] p = writeBundle(m, rows, 20 + k);
            TemperatureScaling t = new TemperatureScaling(m.temperature());
            for (int i = 0; i < N; i++) {
                p[i] = t.apply(p[i]);
            }
            calibrated.add(p);
            feed.putAll(Rows.inputs(layout, rows, N, ModelGraph.inputNames(spec, k)));
        }
        Path ensemble = EnsembleBundle.write(tmp.resolve("ensemble"), members.stream().map(Member::dir).toList(), weights,
                Map.of()).directory();
        Path file = tmp.resolve("ensemble.onnx");
        OnnxExport.Summary summary = OnnxExport.write(ensemble, file);
        assertThat(summary.members()).isEqualTo(members.size());
        assertThat(summary.inputs()).containsExactlyElementsOf(inputs);

        Rows.keep("ensemble " + String.join(" ", inputs), Files.readAllBytes(file));
        Map<String, float[][]> out;
        try (OrtModel model = new OrtModel(Files.readAllBytes(file), OptLevel.ALL_OPT, 1)) {
            out = model.run(feed);
        }
        float[][] expected = new float[N][];
        for (int i = 0; i < N; i++) {
            List<float[]> row = new ArrayList<>();
            for (float[][] p : calibrated) {
                row.add(p[i]);
            }
            expected[i] = EnsembleWeights.blend(row, weights);
        }
        double dp = Rows.maxDiff(out.get(OnnxExport.PROBABILITIES), expected);
        System.out.printf("ensemble of %d (inputs %s): max |dp| %.2e%n", members.size(), inputs, dp);
        assertThat(dp).isLessThan(1e-4);
        assertThat(Rows.maxDiff(Rows.softmax(out.get(OnnxExport.LOGITS), 1), out.get(OnnxExport.PROBABILITIES)))
                .as("an ensemble's logits output is log p").isLessThan(1e-6);
        return out;
    }

    /** Writes a random network as a bundle with its calibration; returns its (uncalibrated) probabilities of {@code rows}. */
    private static float[][] writeBundle(Member m, float[] rows, long seed) throws IOException {
        try (TorchNetwork net = TorchNetwork.create(m.arch(), CLASSES.size(), m.pc().imageSize(), seed)) {
            net.loadWeights(RandomWeights.perturbed(net.weights(), seed));
            BundleDraft draft = new BundleDraft(CLASSES, m.pc(), m.arch().toMap(), Map.of(), Map.of(), "weights.safetensors");
            BundleWriter.write(m.dir(), draft, net::saveWeights);
            new Calibration(new TemperatureScaling(m.temperature()), Map.of()).writeTo(m.dir());
            return net.probabilities(rows, N);
        }
    }
}
