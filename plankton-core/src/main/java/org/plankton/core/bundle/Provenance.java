package org.plankton.core.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The part of a model's provenance that every run shares: which code, on which platform, when.
 * Training adds the rest (data fingerprint, split, seed, configuration, timings). Without this a
 * model file found months later cannot be reproduced or even attributed to a code version.
 */
public final class Provenance {

    private static final Pattern GIT_SHA = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");
    private static final long GIT_TIMEOUT_MS = 2000;

    private Provenance() {
    }

    /**
     * A new mutable, ordered map with snake_case keys: {@code plankton_version}, {@code java_version},
     * {@code java_vendor}, {@code os}, {@code host_cores}, {@code git_commit}, {@code timestamp}.
     */
    public static Map<String, Object> base() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plankton_version", planktonVersion());
        m.put("java_version", System.getProperty("java.version", "unknown"));
        m.put("java_vendor", System.getProperty("java.vendor", "unknown"));
        m.put("os", System.getProperty("os.name", "unknown") + " " + System.getProperty("os.version", "")
                + " " + System.getProperty("os.arch", ""));
        m.put("host_cores", Runtime.getRuntime().availableProcessors());
        m.put("git_commit", gitCommit());
        m.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return m;
    }

    /** The jar's Implementation-Version, or "dev" when running from classes (IDE, tests). */
    public static String planktonVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    /**
     * The {@code plankton.git} system property when set (by {@code ./plankton}), else
     * {@code git rev-parse HEAD} in the working directory, or "unknown" when git is missing, this is
     * not a repository, or git does not answer within 2 s (e.g. a slow network file system).
     */
    public static String gitCommit() {
        // The launcher passes plankton's own commit (with "-dirty" for uncommitted changes): the
        // working directory is the user's, whose repository says nothing about plankton's code.
        String fromLauncher = System.getProperty("plankton.git");
        if (fromLauncher != null && !fromLauncher.isBlank()) {
            return fromLauncher.strip();
        }
        Process p;
        try {
            p = new ProcessBuilder("git", "rev-parse", "HEAD")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        try {
            if (!p.waitFor(GIT_TIMEOUT_MS, TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                return "unknown";
            }
            try (InputStream in = p.getInputStream()) {
                String out = new String(in.readNBytes(200), StandardCharsets.UTF_8).strip();
                return GIT_SHA.matcher(out).matches() ? out : "unknown";
            }
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        } finally {
            p.destroyForcibly();
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
