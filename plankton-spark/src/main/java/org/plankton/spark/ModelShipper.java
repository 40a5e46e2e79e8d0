package org.plankton.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.EnsembleBundle;

/**
 * Driver side of model distribution: packs the bundle folder into a zip and registers it with
 * {@link SparkContext#addFile}, so every executor downloads it once from the driver, whatever the
 * cluster manager (YARN, Kubernetes, standalone, local).
 */
final class ModelShipper {

    /** Zips already registered in this driver JVM, by name: Spark refuses a name under a new path. */
    private static final Map<String, Path> SHIPPED = new ConcurrentHashMap<>();
    /** Names registered per context, so a rerun in the same session does not register again (Spark warns). */
    private static final Map<SparkContext, Set<String>> REGISTERED = new WeakHashMap<>();

    private ModelShipper() {
    }

    /**
     * An ensemble whose members are linked in place (beside it on the driver, not inside the folder the
     * executors get) is shipped as a self-contained copy; any other folder as it is.
     */
    private static Path selfContained(Path ensemble) throws IOException {
        try {
            if (!EnsembleBundle.read(ensemble).hasLinkedMembers()) {
                return ensemble;
            }
            Path copy = Files.createTempDirectory("plankton-spark-ensemble").resolve("ensemble");
            EnsembleBundle.copySelfContained(ensemble, copy);
            return copy;
        } catch (BundleException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Ships {@code bundle} (unless the same content was shipped already) and says how to find it. */
    static ModelSource ship(SparkContext sc, Path bundle) throws IOException {
        if (EnsembleBundle.isEnsemble(bundle)) {
            bundle = selfContained(bundle);
        }
        String name = "plankton-model-" + BundleArchive.contentHash(bundle) + ".zip";
        Path zip = SHIPPED.get(name);
        if (zip == null || !Files.isRegularFile(zip)) {
            Path dir = Files.createTempDirectory("plankton-spark-model");
            zip = dir.resolve(name);
            BundleArchive.pack(bundle, zip);
            zip.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            SHIPPED.put(name, zip);
        }
        synchronized (REGISTERED) {
            if (REGISTERED.computeIfAbsent(sc, k -> new HashSet<>()).add(name)) {
                sc.addFile(zip.toUri().toString());
            }
        }
        return ModelSource.shipped(name);
    }
}
