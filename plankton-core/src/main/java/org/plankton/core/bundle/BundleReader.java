package org.plankton.core.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.plankton.core.data.ClassList;

/**
 * Loads and verifies a model bundle. Verification is deliberately strict — kind, format version,
 * class count, weights size and SHA-256 — because a damaged or mismatched model does not crash:
 * it silently predicts the wrong classes. Hashing the weights costs well under a second for
 * typical models, small next to loading them into a network.
 *
 * <p>{@code provenance.json} and {@code metrics.json} describe the model but do not affect its
 * predictions, so a missing one reads as an empty map; an unparsable one is still an error.
 */
public final class BundleReader {

    private BundleReader() {
    }

    /** Reads and verifies the bundle in {@code dir}. */
    public static ModelBundle read(Path dir) throws BundleException {
        if (dir == null) {
            throw new IllegalArgumentException("bundle directory must be given");
        }
        Path bundle = dir.toAbsolutePath().normalize();
        if (!Files.exists(bundle)) {
            throw new BundleException(bundle, "no model bundle at " + bundle);
        }
        if (!Files.isDirectory(bundle)) {
            throw new BundleException(bundle, "no model bundle at " + bundle + ": not a directory");
        }
        BundleManifest manifest = readManifest(bundle);
        ClassList classes = readClasses(bundle, manifest);
        Map<String, Object> provenance = readOptionalMap(bundle, ModelBundle.PROVENANCE_FILE);
        Map<String, Object> metrics = readOptionalMap(bundle, ModelBundle.METRICS_FILE);
        verifyWeights(bundle, manifest);
        verifyOnnx(bundle, manifest);
        verifyDomain(bundle, manifest);
        return new ModelBundle(bundle, manifest, classes, provenance, metrics);
    }

    private static BundleManifest readManifest(Path bundle) throws BundleException {
        Path file = bundle.resolve(ModelBundle.MANIFEST_FILE);
        if (!Files.isRegularFile(file)) {
            throw new BundleException(bundle, bundle + " is not a plankton model bundle: manifest.json missing");
        }
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = BundleJson.MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new BundleException(bundle, "manifest.json is not valid JSON: " + describe(e), e);
        } catch (IOException e) {
            throw new BundleException(bundle, "cannot read manifest.json: " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new BundleException(bundle, "manifest.json is empty or not a JSON object");
        }
        JsonNode kind = root.get("kind");
        if (kind == null || !BundleManifest.KIND.equals(kind.asText())) {
            throw new BundleException(bundle, bundle + " is not a plankton model bundle: manifest.json has kind '"
                    + (kind == null ? "" : kind.asText()) + "', expected '" + BundleManifest.KIND + "'");
        }
        JsonNode version = root.get("format_version");
        if (version == null || !version.canConvertToInt() || !version.isIntegralNumber()) {
            throw new BundleException(bundle, "manifest.json has no integer format_version (got "
                    + (version == null ? "none" : version.toString()) + ")");
        }
        int v = version.intValue();
        if (v > BundleManifest.FORMAT_VERSION) {
            throw new BundleException(bundle, "bundle format version " + v
                    + " is newer than this plankton supports (" + BundleManifest.FORMAT_VERSION + "); upgrade plankton");
        }
        // The ONNX and domain keys are the manifest's only optional ones (bundles before them, e.g. models/ndsb-v1..v4,
        // lack them); every other missing key is still an error.
        for (String optional : new String[] {"onnx_file", "onnx_sha256", "domain_file", "domain_sha256"}) {
            if (!root.has(optional)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) root).putNull(optional);
            }
        }
        try {
            return BundleJson.MAPPER.treeToValue(root, BundleManifest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            IllegalArgumentException invalid = findInvalidValue(e);
            String why = invalid != null ? invalid.getMessage()
                    : e instanceof JsonMappingException j ? describeMapping(j) : e.getMessage();
            throw new BundleException(bundle, "invalid manifest.json: " + why, e);
        }
    }

    private static ClassList readClasses(Path bundle, BundleManifest manifest) throws BundleException {
        Path file = bundle.resolve(ModelBundle.CLASSES_FILE);
        if (!Files.isRegularFile(file)) {
            throw new BundleException(bundle, "classes.txt missing");
        }
        ClassList classes;
        try {
            classes = ClassList.read(file);
        } catch (IOException e) {
            throw new BundleException(bundle, "cannot read classes.txt: " + e, e);
        } catch (IllegalArgumentException e) {
            throw new BundleException(bundle, "invalid classes.txt: " + e.getMessage(), e);
        }
        if (classes.size() != manifest.numClasses()) {
            throw new BundleException(bundle, "classes.txt lists " + classes.size()
                    + " classes but manifest.json says num_classes " + manifest.numClasses());
        }
        return classes;
    }

    private static Map<String, Object> readOptionalMap(Path bundle, String name) throws BundleException {
        Path file = bundle.resolve(name);
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            return BundleJson.readMap(file);
        } catch (JsonProcessingException e) {
            throw new BundleException(bundle, name + " is not a valid JSON object: " + describe(e), e);
        } catch (IOException e) {
            throw new BundleException(bundle, "cannot read " + name + ": " + e, e);
        }
    }

    private static void verifyWeights(Path bundle, BundleManifest manifest) throws BundleException {
        Path weights = bundle.resolve(manifest.weightsFile());
        if (!Files.isRegularFile(weights)) {
            throw new BundleException(bundle, "weights file " + weights + " missing");
        }
        try {
            long size = Files.size(weights);
            if (size != manifest.weightsBytes()) {
                throw new BundleException(bundle, "weights file " + weights + " is damaged or incomplete: size "
                        + size + " bytes, manifest.json says " + manifest.weightsBytes());
            }
            String sha = Sha256.of(weights);
            if (!sha.equals(manifest.weightsSha256())) {
                throw new BundleException(bundle, "weights file " + weights
                        + " is damaged or incomplete: sha256 mismatch (manifest.json says "
                        + manifest.weightsSha256() + ", file has " + sha + ")");
            }
        } catch (IOException e) {
            throw new BundleException(bundle, "cannot read weights file " + weights + ": " + e, e);
        }
    }

    /** A damaged model.onnx runs elsewhere and predicts wrongly just as damaged weights would, so it fails the load too. */
    private static void verifyOnnx(Path bundle, BundleManifest manifest) throws BundleException {
        if (manifest.onnxFile() == null) {
            return;
        }
        Path onnx = bundle.resolve(manifest.onnxFile());
        if (!Files.isRegularFile(onnx)) {
            throw new BundleException(bundle, "ONNX file " + onnx + " missing (manifest.json records it)");
        }
        try {
            String sha = Sha256.of(onnx);
            if (!sha.equals(manifest.onnxSha256())) {
                throw new BundleException(bundle, "ONNX file " + onnx + " is damaged or stale: sha256 mismatch"
                        + " (manifest.json says " + manifest.onnxSha256() + ", file has " + sha + ")");
            }
        } catch (IOException e) {
            throw new BundleException(bundle, "cannot read ONNX file " + onnx + ": " + e, e);
        }
    }

    /** A domain model fitted to other weights, or damaged, would flag the wrong images: it fails the load too. */
    private static void verifyDomain(Path bundle, BundleManifest manifest) throws BundleException {
        if (manifest.domainFile() == null) {
            return;
        }
        Path file = bundle.resolve(manifest.domainFile());
        if (!Files.isRegularFile(file)) {
            throw new BundleException(bundle, "domain file " + file + " missing (manifest.json records it)");
        }
        try {
            String sha = Sha256.of(file);
            if (!sha.equals(manifest.domainSha256())) {
                throw new BundleException(bundle, "domain file " + file + " is damaged or stale: sha256 mismatch"
                        + " (manifest.json says " + manifest.domainSha256() + ", file has " + sha
                        + "); run `plankton fit-domain` again");
            }
        } catch (IOException e) {
            throw new BundleException(bundle, "cannot read domain file " + file + ": " + e, e);
        }
    }

    private static String describe(JsonProcessingException e) {
        return BundleJson.describe(e);
    }

    /** Jackson's binding message without its configuration hints, plus where in the file. */
    private static String describeMapping(JsonMappingException e) {
        String why = e.getOriginalMessage();
        int hint = why.indexOf("; `");
        if (hint > 0) {
            why = why.substring(0, hint);
        }
        why = why.replaceFirst("^Missing creator property '([^']*)' \\(index \\d+\\)", "missing key '$1'");
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .filter(f -> !f.isEmpty())
                .reduce((x, y) -> x + "." + y).orElse("");
        return path.isEmpty() ? why : why + " (at " + path + ")";
    }

    /** The validation error of a record constructor, wrapped somewhere in Jackson's exception. */
    private static IllegalArgumentException findInvalidValue(Throwable e) {
        IllegalArgumentException found = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IllegalArgumentException iae && !(t instanceof java.nio.file.InvalidPathException)) {
                found = iae;
            }
        }
        return found;
    }
}
