package org.plankton.core.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.regex.Pattern;
import org.plankton.core.preprocess.PreprocessConfig;

/**
 * Contents of {@code manifest.json}: what is needed to trust and use the weights. Stored with
 * snake_case keys ({@code format_version}, {@code weights_sha256}, ...).
 *
 * @param formatVersion  bundle layout version; readers refuse versions newer than they know
 * @param kind           always {@link #KIND}; tells a model bundle from any other folder with a manifest
 * @param weightsFile    file name (no folders) of the weights inside the bundle
 * @param weightsSha256  lower-case hex SHA-256 of the weights file, checked on load
 * @param weightsBytes   size of the weights file, checked on load (cheap first test)
 * @param numClasses     number of lines of {@code classes.txt}, i.e. network outputs
 * @param preprocess     the deterministic preprocessing the model was trained with
 * @param architecture   free-form settings owned by the network module (key order kept)
 * @param created        ISO-8601 UTC time the bundle was written
 * @param onnxFile       file name of the network as ONNX ({@value ModelBundle#ONNX_FILE}), or null for
 *                       bundles written without it (older ones, or by a process without plankton-onnx);
 *                       left out of the JSON when null, so such manifests read as before
 * @param onnxSha256     lower-case hex SHA-256 of {@code onnxFile}, checked on load; null exactly when
 *                       {@code onnxFile} is
 * @param domainFile     file name of the out-of-domain model ({@value ModelBundle#DOMAIN_FILE}), or null when
 *                       the bundle has none (fit-domain adds it); left out of the JSON when null
 * @param domainSha256   its lower-case hex SHA-256, checked on load; null exactly when {@code domainFile} is
 */
public record BundleManifest(int formatVersion, String kind, String weightsFile, String weightsSha256,
                             long weightsBytes, int numClasses, PreprocessConfig preprocess,
                             Map<String, Object> architecture, String created,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String onnxFile,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String onnxSha256,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String domainFile,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String domainSha256) {

    /** The newest layout this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** Value of {@code kind} in every plankton model manifest. */
    public static final String KIND = "plankton-model";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public BundleManifest {
        if (formatVersion < 1) {
            throw new IllegalArgumentException("format_version must be >= 1, got " + formatVersion);
        }
        if (!KIND.equals(kind)) {
            throw new IllegalArgumentException("kind must be '" + KIND + "', got '" + kind + "'");
        }
        ModelBundle.checkWeightsFileName(weightsFile);
        if (weightsSha256 == null || !SHA256_HEX.matcher(weightsSha256).matches()) {
            throw new IllegalArgumentException("weights_sha256 must be 64 lower-case hex digits, got '"
                    + weightsSha256 + "'");
        }
        if (weightsBytes < 0) {
            throw new IllegalArgumentException("weights_bytes must be >= 0, got " + weightsBytes);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("num_classes must be >= 1, got " + numClasses);
        }
        if (preprocess == null) {
            throw new IllegalArgumentException("preprocess settings must be given");
        }
        architecture = Maps.frozen(architecture, "architecture");
        if (created == null || created.isBlank()) {
            throw new IllegalArgumentException("created must be an ISO-8601 time, got '" + created + "'");
        }
        if ((onnxFile == null) != (onnxSha256 == null)) {
            throw new IllegalArgumentException("onnx_file and onnx_sha256 come together, got onnx_file '" + onnxFile
                    + "' and onnx_sha256 '" + onnxSha256 + "'");
        }
        if (onnxFile != null) {
            if (!onnxFile.equals(ModelBundle.ONNX_FILE)) {
                ModelBundle.checkWeightsFileName(onnxFile);
            }
            if (!SHA256_HEX.matcher(onnxSha256).matches()) {
                throw new IllegalArgumentException("onnx_sha256 must be 64 lower-case hex digits, got '" + onnxSha256 + "'");
            }
            if (onnxFile.equals(weightsFile)) {
                throw new IllegalArgumentException("onnx_file and weights_file must differ, both are '" + onnxFile + "'");
            }
        }
        if ((domainFile == null) != (domainSha256 == null)) {
            throw new IllegalArgumentException("domain_file and domain_sha256 come together, got domain_file '"
                    + domainFile + "' and domain_sha256 '" + domainSha256 + "'");
        }
        if (domainFile != null) {
            if (!domainFile.equals(ModelBundle.DOMAIN_FILE)) {
                throw new IllegalArgumentException("domain_file must be '" + ModelBundle.DOMAIN_FILE + "', got '"
                        + domainFile + "'");
            }
            if (!SHA256_HEX.matcher(domainSha256).matches()) {
                throw new IllegalArgumentException("domain_sha256 must be 64 lower-case hex digits, got '" + domainSha256 + "'");
            }
        }
    }

    /** The same manifest recording {@code file} (null: none) with its SHA-256. */
    public BundleManifest withOnnx(String file, String sha256) {
        return new BundleManifest(formatVersion, kind, weightsFile, weightsSha256, weightsBytes, numClasses, preprocess,
                architecture, created, file, sha256, domainFile, domainSha256);
    }

    /** The same manifest recording the domain model {@code file} (null: none) with its SHA-256. */
    public BundleManifest withDomain(String file, String sha256) {
        return new BundleManifest(formatVersion, kind, weightsFile, weightsSha256, weightsBytes, numClasses, preprocess,
                architecture, created, onnxFile, onnxSha256, file, sha256);
    }

    /** The same manifest recording other weights (see {@link WeightStorage#storeWeights}). */
    public BundleManifest withWeights(String sha256, long bytes) {
        return new BundleManifest(formatVersion, kind, weightsFile, sha256, bytes, numClasses, preprocess,
                architecture, created, onnxFile, onnxSha256, domainFile, domainSha256);
    }
}
