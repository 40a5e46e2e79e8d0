package org.plankton.onnx;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.bundle.BundleDraft;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.BundleWriter;
import org.plankton.core.data.ClassList;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.weights.NamedTensor;
import org.plankton.core.weights.Safetensors;
import org.plankton.nn.arch.ArchitectureConfig;

/** Weights that do not fit the architecture are refused with the first mismatch, and no file is left behind. */
class ExportErrorsTest {

    private static final ClassList CLASSES = ClassList.of(List.of("a", "b", "c"));
    private static final PreprocessConfig PC = new PreprocessConfig(32, 0.9, true, 0f, 1f);

    private static List<NamedTensor> zeros(long[]... shapes) {
        String[] kinds = {"weight", "gamma", "beta", "runningMean", "runningVar"};
        List<NamedTensor> out = new java.util.ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            long n = 1;
            for (long d : shapes[i]) {
                n *= d;
            }
            out.add(new NamedTensor(kinds[Math.min(i, kinds.length - 1)], shapes[i], new float[(int) n]));
        }
        return out;
    }

    @Test
    void weightsOfAnotherArchitectureAreRefused(@TempDir Path dir) {
        OnnxMember wrong = new OnnxMember(ArchitectureConfig.tiny(), PC, zeros(new long[] {16, 1, 3, 3}), 1);
        Path out = dir.resolve("m.onnx");
        assertThatThrownBy(() -> OnnxExport.write(CLASSES, wrong, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tensor 0 is weight[16, 1, 3, 3]")
                .hasMessageContaining("expects a weight of shape [8, 1, 3, 3]");
        OnnxMember tooFew = new OnnxMember(ArchitectureConfig.tiny(), PC, zeros(new long[] {8, 1, 3, 3}), 1);
        assertThatThrownBy(() -> OnnxExport.model(CLASSES, List.of(tooFew), new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the architecture needs more");
        assertThatThrownBy(() -> OnnxExport.model(CLASSES, List.of(tooFew), new double[] {0.5, 0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one blend weight per member");
        org.assertj.core.api.Assertions.assertThat(out).doesNotExist();
    }

    @Test
    void aBundleWhoseWeightsDoNotFitItsManifestIsDamaged(@TempDir Path dir) throws Exception {
        BundleDraft draft = new BundleDraft(CLASSES, PC, ArchitectureConfig.tiny().toMap(), Map.of(), Map.of(),
                "weights.safetensors");
        Path bundle = dir.resolve("b");
        // With this module on the class path the bundle writer exports model.onnx before the rename
        // (OnnxBundleFile), so such a bundle is refused while being written and never appears.
        assertThatThrownBy(() -> BundleWriter.write(bundle, draft,
                f -> Safetensors.write(f, zeros(new long[] {8, 1, 3, 3}), Map.of())))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("cannot export the bundle as ONNX")
                .hasMessageContaining("weights.safetensors do not fit the manifest's architecture")
                .hasCauseInstanceOf(BundleException.class);
        org.assertj.core.api.Assertions.assertThat(bundle).doesNotExist();
        try (var left = Files.list(dir)) {
            org.assertj.core.api.Assertions.assertThat(left).isEmpty();
        }
    }
}
