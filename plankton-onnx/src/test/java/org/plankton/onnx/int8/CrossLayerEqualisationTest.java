package org.plankton.onnx.int8;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plankton.core.data.ClassList;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.weights.NamedTensor;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.torch.TorchNetwork;
import org.plankton.onnx.OnnxExport;
import org.plankton.onnx.OnnxMember;
import org.plankton.onnx.proto.GraphProto;
import org.plankton.onnx.proto.ModelProto;

/**
 * Batch-norm folding and cross-layer equalisation change the weights, not what the fp32 graph
 * computes: the same logits as the exported graph within float rounding (1e-4 relative), on a
 * small VGG with batch norm whose statistics are random, so that a wrong fold cannot hide.
 */
class CrossLayerEqualisationTest {

    @Test
    void foldedAndEqualisedGraphsComputeTheSame() throws Exception {
        ArchitectureConfig arch = new ArchitectureConfig("vgg", List.of(List.of(8), List.of(16, 16)), 32, 0.25f, 0f, true);
        List<NamedTensor> weights;
        try (TorchNetwork net = TorchNetwork.create(arch, 4, 32, 3)) {
            weights = randomStatistics(net.weights(), new Random(9));
        }
        ModelProto m = OnnxExport.model(ClassList.of(List.of("a", "b", "c", "d")),
                List.of(new OnnxMember(arch, new PreprocessConfig(32, 0.9, true, 0.05f, 0.15f), weights, 1.0)), new double[] {1});
        GraphProto folded = BatchNormFolding.fold(m.graph());
        GraphProto equalised = CrossLayerEqualisation.equalise(folded);
        assertThat(folded.nodes().stream().filter(n -> n.opType().equals("BatchNormalization"))).isEmpty();
        // both chains (conv1 -> pool -> conv2 -> conv3) were rescaled: every conv weight changed
        long changed = folded.initializers().stream().filter(t -> t.name().endsWith("folded_weight"))
                .filter(t -> !equalised.initializers().contains(t)).count();
        assertThat(changed).isEqualTo(3);
        float[] image = new float[6 * 32 * 32];
        Random r = new Random(4);
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) r.nextGaussian();
        }
        float[][] reference = logits(m, image);
        for (GraphProto g : List.of(folded, equalised)) {
            float[][] got = logits(new ModelProto(m.irVersion(), m.opsetVersion(), "", "", "", g, Map.of()), image);
            for (int i = 0; i < reference.length; i++) {
                for (int c = 0; c < reference[i].length; c++) {
                    assertThat((double) got[i][c]).isCloseTo(reference[i][c],
                            org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(reference[i][c]))));
                }
            }
        }
    }

    private static List<NamedTensor> randomStatistics(List<NamedTensor> weights, Random r) {
        List<NamedTensor> out = new ArrayList<>();
        for (NamedTensor t : weights) {
            float[] v = t.values().clone();
            for (int i = 0; i < v.length; i++) {
                if (t.name().endsWith("runningVar")) {
                    v[i] = 0.2f + 2f * r.nextFloat();
                } else if (t.name().endsWith("gamma")) {
                    v[i] = 0.2f + 3f * r.nextFloat(); // channels of very different scales: what equalisation evens out
                } else if (t.name().endsWith("runningMean") || t.name().endsWith("beta") || t.name().endsWith("bias")) {
                    v[i] = (float) r.nextGaussian() * 0.3f;
                }
            }
            out.add(new NamedTensor(t.name(), t.shape(), v));
        }
        return out;
    }

    private static float[][] logits(ModelProto m, float[] image) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession s = env.createSession(m.toByteArray(), o);
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(image), new long[] {6, 1, 32, 32});
                 OrtSession.Result res = s.run(Map.of(OnnxExport.IMAGE, x))) {
                return (float[][]) res.get(OnnxExport.LOGITS).orElseThrow().getValue();
            }
        }
    }
}
