package org.plankton.core.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Linked members: an ensemble member referenced in place, by a path relative to the ensemble folder
 * (e.g. {@code ../ndsb-v6}), instead of copied under {@code members/}. The blend weights were fitted to
 * that member's calibrated probabilities, so ensemble.json pins the SHA-256 of its weights and of its
 * calibration.json, and reading the ensemble fails, naming the member, when either changed: a linked
 * member cannot silently become another model. Such an ensemble is only valid beside its linked
 * members; {@code convert} (any dtype) writes a self-contained copy.
 */
final class EnsembleLinks {

    static final String KEY = "linked";
    private static final String WEIGHTS = "weights_sha256";
    private static final String CALIBRATION = "calibration_sha256";

    private EnsembleLinks() {
    }

    /** The pin recorded for {@code member}: its weights' and calibration's checksums. */
    static Map<String, Object> pin(Path member) throws IOException, BundleException {
        ModelBundle b = BundleReader.read(member);
        Map<String, Object> pin = new LinkedHashMap<>();
        pin.put(WEIGHTS, b.manifest().weightsSha256());
        pin.put(CALIBRATION, calibrationSha(member));
        return pin;
    }

    /** The path ensemble.json records for {@code member}, relative to the ensemble folder {@code target}. */
    static String relativeName(Path target, Path member) {
        Path t = target.toAbsolutePath().normalize();
        Path m = member.toAbsolutePath().normalize();
        if (m.startsWith(t)) {
            throw new IllegalArgumentException("a linked member must live outside the ensemble folder: " + member);
        }
        return t.relativize(m).toString();
    }

    /** Checks a linked member against its pin; {@code name} as ensemble.json gives it. */
    static void verify(Path dir, String name, Path member, Object pinned) throws BundleException, IOException {
        if (!(pinned instanceof Map<?, ?> pin)) {
            throw new BundleException(dir, "member path " + name + " leaves the ensemble folder and is not a pinned "
                    + "linked member");
        }
        ModelBundle b;
        try {
            b = BundleReader.read(member);
        } catch (BundleException e) {
            throw new BundleException(dir, "linked member " + name + ": " + e.getMessage(), e);
        }
        check(dir, name, member, "weights", String.valueOf(pin.get(WEIGHTS)), b.manifest().weightsSha256());
        check(dir, name, member, "calibration.json", String.valueOf(pin.get(CALIBRATION)), String.valueOf(calibrationSha(member)));
    }

    private static void check(Path dir, String name, Path member, String what, String pinned, String actual)
            throws BundleException {
        if (!pinned.equals(actual)) {
            throw new BundleException(dir, "linked member " + name + " (" + member + ") is not the model this ensemble "
                    + "was fitted with: its " + what + " changed (sha256 " + actual + ", pinned " + pinned
                    + "); restore that model or fit the ensemble again with `plankton ensemble`");
        }
    }

    private static String calibrationSha(Path member) throws IOException {
        Path c = member.resolve("calibration.json");
        return Files.isRegularFile(c) ? Sha256.of(c) : null;
    }
}
