package org.plankton.nn.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.plankton.core.bundle.ModelBundle;

/** Finds an {@link InferenceEngine} by its {@code --engine} name. */
public final class InferenceEngines {

    public static final String TORCH = "torch";

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

    /**
     * {@code torch}, or an engine registered in {@code META-INF/services}; an IllegalArgumentException
     * in one line when no engine has that name (e.g. {@code onnx} without module plankton-onnx).
     */
    public static InferenceEngine named(String id) {
        if (TORCH.equals(id)) {
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
