package org.plankton.core.bundle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Writes a bundle's network as ONNX ({@link ModelBundle#ONNX_FILE}) while the bundle is being
 * written. The seam between the bundle format and the exporter: dependencies point towards core,
 * and the exporter (module plankton-onnx) needs the network module, which itself writes bundles, so
 * neither core nor nn may call it directly. Instead plankton-onnx registers an implementation with
 * {@link ServiceLoader} ({@code META-INF/services}), and {@link BundleWriter} and
 * {@link EnsembleBundle} use it whenever it is on the class path (the CLI has it): every process
 * that can export does so, without each command remembering to, and a process without it (core's
 * and nn's own tests, a slim deployment) writes bundles as before, without {@code model.onnx}.
 *
 * <p>Both methods are called on the bundle's temporary folder, after the weights (and for an
 * ensemble its members) are complete and before the rename, so a bundle is never seen without its
 * ONNX file. The manifest is not written yet: the arguments carry what it will say.
 */
public interface OnnxFileWriter {

    /** Writes the network of {@code bundle} (calibration read from its folder) to {@code out}. */
    void write(ModelBundle bundle, Path out) throws IOException, BundleException;

    /** Writes {@code ensemble} as one graph to {@code out}. */
    void write(EnsembleBundle ensemble, Path out) throws IOException, BundleException;

    /** The registered writer, or empty when plankton-onnx is not on the class path. */
    static Optional<OnnxFileWriter> installed() {
        return ServiceLoader.load(OnnxFileWriter.class, OnnxFileWriter.class.getClassLoader()).findFirst();
    }
}
