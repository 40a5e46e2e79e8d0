package org.plankton.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.calibration.TemperatureScaling;
import org.plankton.core.output.ProbabilityCsvWriter;
import org.plankton.core.resume.RunRecord;
import org.plankton.nn.engine.InferenceEngines;
import org.plankton.nn.infer.Classifier;
import org.plankton.nn.infer.InferenceSettings;
import org.plankton.server.inference.ModelIdentity;
import org.plankton.core.bundle.Sha256;

/**
 * What a {@code classify} run is, for {@code --resume}: every value that changes the rows. The
 * model by id and checksums (weights, and model.onnx when ONNX Runtime runs it, per member of an
 * ensemble; calibration.json, which {@code plankton calibrate} rewrites without touching the
 * weights), the inference settings, the batch size (batches set the last bits of a float), the
 * inputs as typed (rows name images by them) and resolved, and the header.
 */
final class ClassifyRecord {

    private ClassifyRecord() {
    }

    static RunRecord of(Path model, Classifier classifier, InferenceOptions o, List<Path> roots) throws IOException {
        List<Path> members = EnsembleBundle.isEnsemble(model) ? readEnsemble(model).members() : List.of(model);
        List<String> weights = new ArrayList<>();
        List<String> calibrations = new ArrayList<>();
        for (Path m : members) {
            ModelBundle b = members.size() == 1 ? classifier.bundle() : read(m);
            weights.add(b.manifest().weightsSha256());
            calibrations.add(sha256(m.resolve(TemperatureScaling.FILE)));
        }
        InferenceSettings s = classifier.settings();
        String engine = o.engine(model).id();
        boolean onnx = !engine.equals(InferenceEngines.TORCH);
        String onnxSha = !onnx ? null : o.onnxModel != null ? sha256(o.onnxModel)
                : EnsembleBundle.isEnsemble(model) ? readEnsemble(model).onnxSha256()
                : classifier.bundle().manifest().onnxSha256();
        return new RunRecord()
                .check("model", ModelIdentity.of(model, classifier.bundle()))
                .check("weights_sha256", weights)
                .check("onnx_sha256", onnx ? String.valueOf(onnxSha) : null)
                .check("calibration_sha256", calibrations)
                .check("engine", engine)
                .check("precision", s.precision().id())
                .check("tta", s.ttaViews())
                .check("tta_geometric", s.geometricMean())
                .check("calibrated", s.calibrated())
                .check("batch", classifier.filesPerChunk())
                .check("inputs", roots)
                .check("inputs_resolved", roots.stream().map(p -> p.toAbsolutePath().normalize()).toList())
                .check("header", ProbabilityCsvWriter.header(classifier.classes()))
                .note("plankton", System.getProperty("plankton.git", "unknown"))
                .note("threads", System.getProperty("plankton.threads", "default"));
    }

    /** SHA-256 of a small file, or "none" when it is missing (a bundle without calibration). */
    private static String sha256(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return "none";
        }
        return Sha256.of(file);
    }

    private static EnsembleBundle readEnsemble(Path dir) throws IOException {
        try {
            return EnsembleBundle.read(dir);
        } catch (BundleException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static ModelBundle read(Path dir) throws IOException {
        try {
            return BundleReader.read(dir);
        } catch (BundleException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
