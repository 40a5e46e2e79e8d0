package org.plankton.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.nn.engine.InferenceEngine;
import org.plankton.nn.engine.InferenceNetwork;
import org.plankton.nn.engine.NetworkSpec;
import org.plankton.nn.engine.Precision;

/**
 * The {@code onnx} inference engine: a bundle's {@code model.onnx} on ONNX Runtime, or, for a bundle
 * written before bundles carried one (models/ndsb-v1..v4), its network exported in memory. Registered
 * in META-INF/services so that plankton-nn finds it through {@link org.plankton.nn.engine.InferenceEngines}
 * without depending on this module.
 *
 * <p>Session options are those measured fastest in bench/onnx-throughput.sh: optimisation level
 * ALL, intra-op threads from {@value #THREADS_PROPERTY} (the setting libtorch uses, so that
 * {@code PLANKTON_THREADS} means the same on both engines), one inter-op thread (the graph is a
 * chain; a second pool would only compete for the same cores).
 */
public final class OrtEngine implements InferenceEngine {

    public static final String ID = "onnx";
    static final String THREADS_PROPERTY = "plankton.threads";

    /** null: the bundle's own model.onnx (or an export in memory); else this file, checked to fit the bundle. */
    private final Path modelFile;

    /** The engine found by the ServiceLoader: each bundle's own graph. */
    public OrtEngine() {
        this(null);
    }

    private OrtEngine(Path modelFile) {
        this.modelFile = modelFile;
    }

    /**
     * An engine that runs {@code file} (such as an int8 export, {@code export-onnx --quantize int8})
     * instead of the bundle's own graph; loading refuses a file whose metadata shows another
     * network (classes, preprocessing, architecture). One model only: every member would get it.
     */
    public static OrtEngine withModelFile(Path file) {
        return new OrtEngine(file);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "ONNX Runtime " + OrtRuntime.environment().getVersion()
                + (modelFile == null ? " (CPU, fp32)" : " (CPU, " + modelFile + ")");
    }

    /** fp32 only: bf16 on ONNX Runtime's CPU provider would need a converted graph, not measured yet. */
    @Override
    public boolean supports(Precision precision) {
        return precision == Precision.FP32;
    }

    @Override
    public InferenceNetwork network(ModelBundle bundle, NetworkSpec spec) throws IOException {
        byte[] model = modelFile == null ? onnxOf(bundle) : Files.readAllBytes(modelFile);
        try {
            OrtSession session = session(model);
            if (modelFile != null) {
                try {
                    ModelFileCheck.check(modelFile, session.getMetadata().getCustomMetadata(), bundle);
                } catch (IOException e) {
                    session.close();
                    throw e;
                }
            }
            return new OrtNetwork(session, spec.layout(), spec.numClasses(), bundle.weightsPath());
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime cannot load the network of " + bundle.directory() + ": " + e.getMessage(), e);
        }
    }

    /** The bundle's own model.onnx (checked against its SHA-256 when the bundle was read), else an export in memory. */
    static byte[] onnxOf(ModelBundle bundle) throws IOException {
        Optional<Path> file = bundle.onnxPath();
        if (file.isPresent()) {
            return Files.readAllBytes(file.get());
        }
        try {
            return OnnxExport.model(bundle.classes(), List.of(OnnxExport.member(bundle)), new double[] {1}).toByteArray();
        } catch (BundleException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static OrtSession session(byte[] model) throws OrtException {
        OrtEnvironment env = OrtRuntime.environment(); // first: SessionOptions would load the library on this thread
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(threads());
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            return env.createSession(model, options);
        }
    }

    /** Intra-op threads: {@value #THREADS_PROPERTY} (PLANKTON_THREADS), else every core. */
    public static int threads() {
        Integer t = Integer.getInteger(THREADS_PROPERTY);
        return t != null && t > 0 ? t : Runtime.getRuntime().availableProcessors();
    }
}
