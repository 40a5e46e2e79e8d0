package org.plankton.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Released models, for the tests that need a real file of their era: the DJL-written {@code weights.params} of
 * {@code ndsb-v1..v4} (the only files DJL itself wrote that this project still reads). v1-v3 (and v5) left
 * {@code models/} for the repository's size budget and are put back from git history; v4 is still there. A release is taken
 * from {@code models/NAME} when it is there (put back by {@code bench/restore-release.sh}), else extracted
 * once from the commit pinned below into the module's {@code target/releases/NAME}. A checkout without that
 * history (a shallow clone, a source archive) or without git gets {@link Optional#empty()}, and the test
 * skips with {@link #missing(String)}.
 */
public final class Releases {

    /** The last commit of each release that left the tree (the parent of the commit that removed it). */
    static final Map<String, String> LAST_COMMIT = Map.of(
            "ndsb-v1", "c5f9aac7cfa4cc65e9f1c83e6bbc46cfd21b064c",
            "ndsb-v2", "c5f9aac7cfa4cc65e9f1c83e6bbc46cfd21b064c",
            "ndsb-v3", "c5f9aac7cfa4cc65e9f1c83e6bbc46cfd21b064c",
            "ndsb-v5", "dc200de9c55ea80172ead31c6117d8cce452393c");

    /** Tests run in their module's folder, one below the repository root. */
    static final Path ROOT = Path.of("..");

    private Releases() {
    }

    /** The release's folder, from {@code models/} or from git history; empty when neither has it. */
    public static synchronized Optional<Path> find(String name) {
        Path bundled = ROOT.resolve("models").resolve(name);
        if (Files.isRegularFile(bundled.resolve("manifest.json"))) {
            return Optional.of(bundled);
        }
        String commit = LAST_COMMIT.get(name);
        if (commit == null) {
            return Optional.empty();
        }
        Path cached = Path.of("target", "releases", name);
        if (Files.isRegularFile(cached.resolve("manifest.json"))) {
            return Optional.of(cached);
        }
        try {
            return Optional.of(extract(name, commit, cached));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether models/NAME is a release that left the tree (a copy put back there is not part of the checkout). */
    public static boolean leftTheTree(String name) {
        return LAST_COMMIT.containsKey(name);
    }

    /** Why {@link #find} came back empty, for the skip message. */
    public static String missing(String name) {
        if (!LAST_COMMIT.containsKey(name)) {
            return "models/" + name + " is not in this checkout";
        }
        return name + " is neither in models/ nor in this checkout's git history (commit " + LAST_COMMIT.get(name)
                + "): a shallow clone or a source archive";
    }

    /** Writes every file of models/NAME at the commit into a fresh folder, then moves it into place whole. */
    private static Path extract(String name, String commit, Path to) throws IOException {
        String prefix = "models/" + name + "/";
        List<String> files = new ArrayList<>();
        for (String line : new String(git("ls-tree", "-r", "--name-only", commit, prefix), StandardCharsets.UTF_8)
                .split("\n")) {
            if (!line.isBlank()) {
                files.add(line.strip());
            }
        }
        if (!files.contains(prefix + "manifest.json")) {
            throw new IOException(prefix + " has no manifest.json at " + commit);
        }
        Files.createDirectories(to.getParent());
        Path tmp = Files.createTempDirectory(to.getParent(), name + ".tmp");
        try {
            for (String f : files) {
                Path target = tmp.resolve(f.substring(prefix.length()));
                Files.createDirectories(target.getParent());
                Files.write(target, git("cat-file", "blob", commit + ":" + f));
            }
        } catch (IOException e) {
            TestFiles.deleteTree(tmp);
            throw e;
        }
        try {
            Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isRegularFile(to.resolve("manifest.json"))) {
                throw e;
            }
            TestFiles.deleteTree(tmp); // another test put it in place first
        }
        return to;
    }

    private static byte[] git(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", ROOT.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("git " + String.join(" ", args) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
