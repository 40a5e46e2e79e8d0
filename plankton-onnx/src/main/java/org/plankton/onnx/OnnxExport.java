package org.plankton.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.plankton.core.bundle.AtomicFiles;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.bundle.Provenance;
import org.plankton.core.calibration.Calibration;
import org.plankton.core.data.ClassList;
import org.plankton.core.weights.WeightFiles;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.onnx.proto.ModelProto;
import org.plankton.onnx.proto.ValueInfoProto;

/**
 * Exports a trained model, or an ensemble, as one ONNX graph (opset 17, IR version 8) that
 * computes what plankton computes from a preprocessed image: the network's logits and the
 * calibrated probabilities {@code softmax(logits / T)}; for an ensemble, the weighted mean of its
 * members' calibrated probabilities. Inputs: {@value #IMAGE} (N, 1, S, S), and when the network
 * has them {@value #FIXED_SCALE_IMAGE} (N, 1, S', S') and {@value #SIZE_FEATURES} (N, 11);
 * outputs {@value #LOGITS} and {@value #PROBABILITIES} (N, classes), and for a single model
 * {@value #FEATURES} (N, width), the penultimate features that out-of-domain scores use. Preprocessing stays outside
 * the graph (it starts from an image file) and is described in the file's metadata and in
 * docs/onnx.md. Files are written atomically.
 *
 * <p>For a bundle writer, one line: {@code OnnxExport.write(bundle, dir.resolve("model.onnx"))},
 * or, before the bundle exists, {@code OnnxExport.write(classes, new OnnxMember(arch, preprocess,
 * net.weights(), temperature), file)}.
 */
public final class OnnxExport {

    public static final int OPSET = 17;
    /** The IR version of ONNX 1.12, the first release with opset 17; older readers than that refuse opset 17 anyway. */
    public static final int IR_VERSION = 8;
    public static final String IMAGE = "image";
    public static final String FIXED_SCALE_IMAGE = "fixed_scale_image";
    public static final String SIZE_FEATURES = "size_features";
    public static final String LOGITS = "logits";
    public static final String PROBABILITIES = "probabilities";
    /** Penultimate-layer features (N, width) of a single model, for out-of-domain scores; ensembles have none. */
    public static final String FEATURES = "features";

    /** What was written. */
    public record Summary(Path file, long bytes, int members, List<String> inputs, List<String> outputs) {
    }

    private OnnxExport() {
    }

    /** Exports the model bundle or ensemble folder {@code model} to {@code out}. */
    public static Summary write(Path model, Path out) throws IOException, BundleException {
        return EnsembleBundle.isEnsemble(model) ? write(EnsembleBundle.read(model), out) : write(BundleReader.read(model), out);
    }

    public static Summary write(ModelBundle bundle, Path out) throws IOException, BundleException {
        return write(bundle.classes(), List.of(member(bundle)), new double[] {1}, out);
    }

    /** One graph for the whole ensemble: members' calibrated probabilities blended with its weights. */
    public static Summary write(EnsembleBundle ensemble, Path out) throws IOException, BundleException {
        List<OnnxMember> members = new ArrayList<>();
        for (Path dir : ensemble.members()) {
            members.add(member(BundleReader.read(dir)));
        }
        double[] blend = ensemble.weights().stream().mapToDouble(Double::doubleValue).toArray();
        return write(ensemble.classes(), members, blend, out);
    }

    /** Exports one network (a bundle being written: its weights in the network's order, T = 1 if uncalibrated). */
    public static Summary write(ClassList classes, OnnxMember member, Path out) throws IOException {
        return write(classes, List.of(member), new double[] {1}, out);
    }

    /**
     * Exports {@code members} (one, or an ensemble blended with {@code blend}); an
     * IllegalArgumentException names the first weight that does not fit its architecture.
     */
    public static Summary write(ClassList classes, List<OnnxMember> members, double[] blend, Path out) throws IOException {
        ModelProto model = model(classes, members, blend, true);
        AtomicFiles.write(out, model::writeTo);
        return new Summary(out, Files.size(out), members.size(), model.graph().inputs().stream().map(ValueInfoProto::name).toList(),
                model.graph().outputs().stream().map(ValueInfoProto::name).toList());
    }

    /** The ONNX model in memory, float32 initializers (for tests, int8 export, or a runtime without a file). */
    public static ModelProto model(ClassList classes, List<OnnxMember> members, double[] blend) {
        return model(classes, members, blend, false);
    }

    /**
     * As {@link #model(ClassList, List, double[])}; with {@code halfWhereExact} a member whose weights
     * are all halves already (a bundle stored as float16) keeps them as float16 initializers, cast
     * to float32 in the graph: half the file, the same results. Files written by {@link #write} do so.
     */
    public static ModelProto model(ClassList classes, List<OnnxMember> members, double[] blend, boolean halfWhereExact) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("nothing to export: no member networks");
        }
        for (double w : blend) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("blend weights must be finite and non-negative, got " + w);
            }
        }
        String doc = members.size() == 1
                ? "plankton classifier, " + classes.size() + " classes; inputs preprocessed as docs/onnx.md and the metadata say"
                : "plankton ensemble of " + members.size() + " networks, " + classes.size() + " classes";
        var graph = new ModelGraph(classes.size(), members, blend, halfWhereExact).build("plankton", doc);
        return new ModelProto(IR_VERSION, OPSET, "plankton", Provenance.planktonVersion(), doc, graph,
                ModelMetadata.props(classes, members, blend));
    }

    /** A bundle's network, weights and temperature; a bundle whose weights do not fit its architecture is damaged. */
    public static OnnxMember member(ModelBundle bundle) throws IOException, BundleException {
        ArchitectureConfig arch;
        try {
            arch = ArchitectureConfig.fromMap(bundle.manifest().architecture());
        } catch (IllegalArgumentException e) {
            throw new BundleException(bundle.directory(), "manifest.json: " + e.getMessage(), e);
        }
        double t = Calibration.readFrom(bundle.directory()).plain().temperature();
        OnnxMember m = new OnnxMember(arch, bundle.manifest().preprocess(), WeightFiles.read(bundle.weightsPath()), t);
        try {
            // Checked here, where the bundle is known, rather than half-way through a write.
            new ModelGraph(bundle.classes().size(), List.of(m), new double[] {1}).build("check", "");
        } catch (IllegalArgumentException e) {
            throw new BundleException(bundle.directory(), "weights " + bundle.manifest().weightsFile()
                    + " do not fit the manifest's architecture: " + e.getMessage(), e);
        }
        return m;
    }
}
