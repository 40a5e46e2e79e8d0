package org.plankton.core.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.plankton.core.bundle.Sha256;

/**
 * A short identifier of "which data a model was trained on", stored in provenance so two runs
 * can be compared. Cheap by design: it hashes file names, sizes and labels, not file contents
 * (reading 30k images just to fingerprint them would cost as much as an epoch of decoding).
 * It therefore detects added, removed, renamed or relabelled files and any edit that changes a
 * file's size, but not an in-place edit that keeps the size.
 *
 * <p>Paths are taken relative to the samples' deepest common folder and written with '/', so the
 * same dataset copied to another machine or folder gets the same fingerprint.
 */
public final class DataFingerprint {

    private DataFingerprint() {
    }

    /**
     * SHA-256 (lower-case hex) of the UTF-8 text: a first line {@code classes\t<n>\t<names joined
     * by tab>} (so an empty class, which has no sample lines, still counts), then the sorted lines
     * {@code <relative path>\t<size in bytes>\t<class name>}, each ended by '\n'. A file whose size
     * cannot be read contributes size -1 (the fingerprint then differs, as it should).
     */
    public static String of(List<Sample> samples, ClassList classes) {
        if (samples == null || classes == null) {
            throw new IllegalArgumentException("samples and classes must not be null");
        }
        List<Path> absolute = samples.stream().map(s -> s.path().toAbsolutePath().normalize()).toList();
        Path root = commonFolder(absolute);
        List<String> lines = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (s.label() >= classes.size()) {
                throw new IllegalArgumentException("label " + s.label() + " of " + s.path()
                        + " is out of range for " + classes.size() + " classes");
            }
            lines.add(relative(root, absolute.get(i)) + "\t" + size(s.path()) + "\t" + classes.name(s.label()));
        }
        lines.sort(null);
        MessageDigest sha = sha256();
        sha.update(("classes\t" + classes.size() + "\t" + String.join("\t", classes.names()) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        for (String line : lines) {
            sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static Path commonFolder(List<Path> paths) {
        if (paths.isEmpty()) {
            return null;
        }
        Path root = paths.get(0).getParent();
        for (Path p : paths) {
            while (root != null && !p.startsWith(root)) {
                root = root.getParent();
            }
        }
        return root;
    }

    private static String relative(Path root, Path file) {
        Path rel = root == null ? file : root.relativize(file);
        List<String> parts = new ArrayList<>();
        rel.forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static MessageDigest sha256() {
        return Sha256.newDigest();
    }
}
