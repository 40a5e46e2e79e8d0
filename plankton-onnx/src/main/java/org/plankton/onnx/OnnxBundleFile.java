package org.plankton.onnx;

import java.io.IOException;
import java.nio.file.Path;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.bundle.OnnxFileWriter;

/**
 * Registered in META-INF/services, so that with this module on the class path every bundle
 * written (train, ensemble, calibrate) carries model.onnx; see {@link OnnxFileWriter} for why the
 * bundle writer finds it this way rather than calling {@link OnnxExport} itself.
 */
public final class OnnxBundleFile implements OnnxFileWriter {

    @Override
    public void write(ModelBundle bundle, Path out) throws IOException, BundleException {
        OnnxExport.write(bundle, out);
    }

    @Override
    public void write(EnsembleBundle ensemble, Path out) throws IOException, BundleException {
        OnnxExport.write(ensemble, out);
    }
}
