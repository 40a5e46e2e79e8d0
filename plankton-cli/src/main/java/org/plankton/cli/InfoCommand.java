package org.plankton.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import org.plankton.core.bundle.DefaultModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.bundle.TrainingProvenance;
import org.plankton.core.conformal.PredictionSets;
import org.plankton.core.weights.Safetensors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plankton info --model MODEL}: what a bundle holds, without loading the network. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a model bundle.")
final class InfoCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Model bundle folder (default: the bundled model, models/" + DefaultModel.NAME + ").")
    Path model;

    @Option(names = "--json", description = "Print everything as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path model = DefaultModel.resolve(this.model);
        if (EnsembleBundle.isEnsemble(model)) {
            return describeEnsemble(model, EnsembleBundle.read(model));
        }
        ModelBundle b = BundleReader.read(model);
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("model", model.toString());
            all.put("manifest", b.manifest());
            all.put("classes", b.classes().names());
            all.put("provenance", b.provenance());
            all.put("metrics", b.metrics());
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(all));
            return PlanktonCli.EXIT_OK;
        }
        var m = b.manifest();
        System.out.printf("model:        %s (format %d, created %s)%n", model, m.formatVersion(), m.created());
        System.out.printf("classes:      %d (%s%s)%n", b.classes().size(),
                String.join(", ", b.classes().names().subList(0, Math.min(5, b.classes().size()))),
                b.classes().size() > 5 ? ", ..." : "");
        System.out.printf("input:        %dx%d, fill %.3f, invert %s, mean %.4f, std %.4f%n", m.preprocess().imageSize(),
                m.preprocess().imageSize(), m.preprocess().fill(), m.preprocess().invert(), m.preprocess().mean(),
                m.preprocess().std());
        System.out.printf("architecture: %s%n", m.architecture());
        System.out.printf("weights:      %s (%d bytes, sha256 %s)%n", m.weightsFile(), m.weightsBytes(),
                m.weightsSha256());
        if (m.onnxFile() != null) {
            System.out.printf("onnx:         %s (sha256 %s)%n", m.onnxFile(), m.onnxSha256());
        }
        if (m.domainFile() != null) {
            System.out.printf("domain:       %s (out-of-domain detector, sha256 %s)%n", m.domainFile(), m.domainSha256());
        }
        Map<String, Object> metrics = b.metrics();
        for (String k : new String[] {"split", "epoch", "images", "log_loss", "accuracy", "top5_accuracy",
                "expected_calibration_error"}) {
            if (metrics.containsKey(k)) {
                System.out.printf("metric:       %s = %s%n", k, metrics.get(k));
            }
        }
        TrainingProvenance p = b.trainingProvenance();
        printProvenance("data", p.split().data());
        printProvenance("data_fingerprint", p.split().dataFingerprint());
        printProvenance("split_seed", p.split().splitSeed());
        printProvenance("train_images", p.split().trainImages());
        printProvenance("validation_images", p.split().validationImages());
        printProvenance("git_commit", p.platform().gitCommit());
        printProvenance("plankton_version", p.platform().planktonVersion());
        printProvenance("engine", p.run().engine());
        printProvenance("timestamp", p.platform().timestamp());
        return PlanktonCli.EXIT_OK;
    }

    private static void printProvenance(String key, Object value) {
        if (value != null) {
            System.out.printf("provenance:   %s = %s%n", key, value);
        }
    }

    private int describeEnsemble(Path model, EnsembleBundle e) throws Exception {
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(
                    Map.of("model", model.toString(), "ensemble", Map.of("members", e.members().stream().map(Path::toString).toList(),
                            "weights", e.weights()), "classes", e.classes().names(), "metrics", e.metrics(),
                            "onnx", e.onnxSha256() == null ? Map.of() : Map.of("file", ModelBundle.ONNX_FILE,
                                    "sha256", e.onnxSha256()))));
            return PlanktonCli.EXIT_OK;
        }
        System.out.printf("ensemble:     %s, %d members, %d classes%n", model, e.members().size(), e.classes().size());
        for (int i = 0; i < e.members().size(); i++) {
            ModelBundle m = BundleReader.read(e.members().get(i));
            Object alone = m.metrics().get("log_loss");
            System.out.printf("member:       %s (weight %.4f): %s, %d px, %s weights%s%s%n", e.members().get(i), e.weights().get(i),
                    m.manifest().architecture().get("type"), m.manifest().preprocess().imageSize(),
                    String.join("/", new java.util.TreeSet<>(Safetensors.dtypes(m.weightsPath()).values())),
                    m.onnxPath().isPresent() ? ", model.onnx" : "", alone instanceof Number n ? String.format(java.util.Locale.ROOT, ", alone: log loss %.4f", n.doubleValue()) : "");
        }
        if (e.onnxSha256() != null) {
            System.out.printf("onnx:         %s (sha256 %s)%n", ModelBundle.ONNX_FILE, e.onnxSha256());
        }
        ModelBundle first = BundleReader.read(e.members().get(0));
        System.out.printf("domain:       %s%n", first.domainPath().isPresent()
                ? "the first member's out-of-domain detector (" + first.manifest().domainFile() + ")" : "none (the first member has no domain.json)");
        System.out.printf("sets:         %s%n", PredictionSets.of(model, e.classes()).isPresent()
                ? PredictionSets.FILE + " (conformal sets fitted on the blend)" : "none (fit-sets fits them on the blend)");
        for (String k : new String[] {"images", "log_loss", "accuracy", "top5_accuracy", "expected_calibration_error"}) {
            if (e.metrics().containsKey(k)) {
                System.out.printf("metric:       %s = %s%n", k, e.metrics().get(k));
            }
        }
        if (e.metrics().get("cross_fitted") instanceof Map<?, ?> held && held.get("log_loss") != null) {
            System.out.printf("metric:       held-out estimate (2-fold cross-fitted weights): log_loss = %s%n", held.get("log_loss"));
        }
        return PlanktonCli.EXIT_OK;
    }
}
