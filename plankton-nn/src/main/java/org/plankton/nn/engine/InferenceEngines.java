package org.plankton.nn.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.plankton.core.bundle.ModelBundle;

/**
 * Finds an {@link InferenceEngine} by its {@code --engine} name, and picks the default one.
 *
 * <p>The default is {@value #ONNX} when module plankton-onnx is on the class path (the CLI, server and
 * Spark job have it): ONNX Runtime computes the same fp32 probabilities as libtorch (within 1e-5) about
 * 1.3-1.6x faster for the whole {@code classify} command, and a process that only classifies then never loads
 * the 430 MB libtorch (docs/results.md, "ONNX Runtime as the default engine"). Without that module (the
 * plankton-nn tests, training-side code) it is {@value #TORCH}.
 */
public final class InferenceEngines {

    public static final String TORCH = "torch";
    public static final String ONNX = "onnx";
    /** Another name for {@value #TORCH}, as the issue tracker and other tools call it. */
    static final String PYTORCH_ALIAS = "pytorch";

    private static final InferenceEngine TORCH_ENGINE = new InferenceEngine() {
        @Override
        public String id() {
            return TORCH;
        }

        @Override
        public String description() {
            return Engines.current().description();
        }

        @Override
        public boolean supports(Precision precision) {
            return true;
        }

        @Override
        public InferenceNetwork network(ModelBundle bundle, NetworkSpec spec) throws IOException {
            return Engines.current().network(spec, bundle.weightsPath());
        }
    };

    private InferenceEngines() {
    }

    /** The process's libtorch engine, the default. */
    public static InferenceEngine torch() {
        return TORCH_ENGINE;
    }

    /** {@value #ONNX} when it is on the class path and loads, else {@value #TORCH}. */
    public static InferenceEngine defaultEngine() {
        try {
            return named(ONNX);
        } catch (IllegalArgumentException e) {
            return TORCH_ENGINE;
        }
    }

    /** {@link #defaultEngine()} for a null id, else {@link #named}. */
    public static InferenceEngine namedOrDefault(String id) {
        return id == null ? defaultEngine() : named(id);
    }

    /**
     * {@code torch}, or an engine registered in {@code META-INF/services}; an IllegalArgumentException
     * in one line when no engine has that name (e.g. {@code onnx} without module plankton-onnx).
     */
    public static InferenceEngine named(String id) {
        if (TORCH.equals(id) || PYTORCH_ALIAS.equals(id)) {
            return TORCH_ENGINE;
        }
        List<String> known = new ArrayList<>(List.of(TORCH));
        try {
            for (InferenceEngine e : ServiceLoader.load(InferenceEngine.class, InferenceEngine.class.getClassLoader())) {
                if (e.id().equals(id)) {
                    return e;
                }
                known.add(e.id());
            }
        } catch (ServiceConfigurationError e) {
            // A provider registered but not loadable: its module is here without its runtime (e.g. ONNX Runtime's jar).
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("inference engine '" + id + "' cannot be loaded: " + cause, e);
        }
        throw new IllegalArgumentException("no inference engine '" + id + "' on this class path (available: "
                + String.join(", ", known) + ("onnx".equals(id) ? "; the onnx engine comes with module plankton-onnx)" : ")"));
    }
}
