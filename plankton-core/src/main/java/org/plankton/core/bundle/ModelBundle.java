package org.plankton.core.bundle;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.plankton.core.data.ClassList;

/**
 * A verified model bundle on disk, as returned by {@link BundleReader#read} and
 * {@link BundleWriter#write}. The weights themselves are not loaded here: core never interprets
 * them; the network module opens {@link #weightsPath()}.
 *
 * @param directory  the bundle folder (absolute, normalised)
 * @param manifest   contents of manifest.json
 * @param classes    contents of classes.txt; index i is network output i
 * @param provenance contents of provenance.json (key order kept)
 * @param metrics    contents of metrics.json (key order kept)
 */
public record ModelBundle(Path directory, BundleManifest manifest, ClassList classes,
                          Map<String, Object> provenance, Map<String, Object> metrics) {

    public static final String MANIFEST_FILE = "manifest.json";
    public static final String CLASSES_FILE = "classes.txt";
    public static final String PROVENANCE_FILE = "provenance.json";
    public static final String METRICS_FILE = "metrics.json";
    /** The network as ONNX, written beside the weights when plankton-onnx is on the class path. */
    public static final String ONNX_FILE = "model.onnx";
    /** The out-of-domain model (org.plankton.core.domain), written by fit-domain and at the end of train. */
    public static final String DOMAIN_FILE = "domain.json";

    /** Names the weights file may not take, since the bundle's own files use them. */
    static final List<String> RESERVED = List.of(MANIFEST_FILE, CLASSES_FILE, PROVENANCE_FILE, METRICS_FILE, ONNX_FILE,
            DOMAIN_FILE);

    public ModelBundle {
        if (directory == null || manifest == null || classes == null) {
            throw new IllegalArgumentException("directory, manifest and classes must be given");
        }
        if (classes.size() != manifest.numClasses()) {
            throw new IllegalArgumentException("class list has " + classes.size()
                    + " classes but the manifest says " + manifest.numClasses());
        }
        provenance = Maps.frozen(provenance, "provenance");
        metrics = Maps.frozen(metrics, "metrics");
    }

    /** {@link #provenance} as a type (the map stays: rewriting a bundle keeps the file as it was). */
    public TrainingProvenance trainingProvenance() {
        return TrainingProvenance.fromMap(provenance);
    }

    /** Where the weights file is. */
    public Path weightsPath() {
        return directory.resolve(manifest.weightsFile());
    }

    /** Where the ONNX file is, when the manifest records one. */
    public java.util.Optional<Path> onnxPath() {
        return java.util.Optional.ofNullable(manifest.onnxFile()).map(directory::resolve);
    }

    /** Where the domain model is, when the manifest records one. */
    public java.util.Optional<Path> domainPath() {
        return java.util.Optional.ofNullable(manifest.domainFile()).map(directory::resolve);
    }

    /** A weights file name must be a plain name inside the bundle, not one of its own files. */
    static void checkWeightsFileName(String name) {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")
                || name.equals(".") || name.equals("..") || name.startsWith(".")) {
            throw new IllegalArgumentException("weights file must be a plain, non-hidden file name, got '" + name + "'");
        }
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("weights file may not be named '" + name
                    + "' (reserved for the bundle: " + RESERVED + ")");
        }
    }
}
