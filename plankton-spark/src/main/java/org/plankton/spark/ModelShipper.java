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

    /** Ships {@code bundle} (unless the same content was shipped already) and says how to find it. */
    static ModelSource ship(SparkContext sc, Path bundle) throws IOException {
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
