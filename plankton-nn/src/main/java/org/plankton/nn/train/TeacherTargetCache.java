package org.plankton.nn.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.plankton.core.bundle.AtomicFiles;
import org.slf4j.LoggerFactory;

/**
 * The teacher's targets for the unlabelled images, kept in the run's checkpoint folder so that a
 * resumed run does not label them again: an ensemble of two networks labelling 23,208 images with
 * 8 views took 24 wall-minutes on this project's 2 cores (partly paused and contended). The file's name carries a SHA-256 of
 * everything the targets depend on (the teacher's manifests and calibration, which pin its weights
 * by checksum; the number of views; the image paths), so a changed teacher or pool is labelled anew
 * rather than read stale. While the teacher labels, the rows labelled so far are kept beside it every few
 * minutes ({@code .partial}), so that an interrupted labelling goes on from there.
 */
final class TeacherTargetCache {

    private static final int MAGIC = 0x50545431; // "PTT1"
    private static final int PARTIAL_MAGIC = 0x50545450; // "PTTP"

    /** The rows of an interrupted labelling: {@code [0, done)} of {@code targets} (all of them {@code n} long). */
    record Partial(float[][] targets, int done) {
    }

    private final Path file;

    private TeacherTargetCache(Path file) {
        this.file = file;
    }

    /** The cache in {@code file} (for tests that need one whose key they cannot easily recompute). */
    static TeacherTargetCache at(Path file) {
        return new TeacherTargetCache(file);
    }

    /** The cache for {@code distill}'s teacher labelling {@code images} in {@code dir}. */
    static TeacherTargetCache in(Path dir, Distillation distill, List<Path> images) throws IOException {
        return new TeacherTargetCache(dir.resolve("teacher-targets-" + key(distill, images).substring(0, 24) + ".bin"));
    }

    /** The cached targets when there are {@code n} rows of {@code classes}, else null (absent, damaged or other). */
    float[][] read(int n, int classes) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || in.readInt() != n || in.readInt() != classes) {
                return null;
            }
            float[][] t = new float[n][classes];
            for (float[] row : t) {
                for (int k = 0; k < classes; k++) {
                    row[k] = in.readFloat();
                }
            }
            return t;
        } catch (IOException e) {
            LoggerFactory.getLogger(TeacherTargetCache.class).warn("teacher targets {} unreadable ({}); labelling anew",
                    file, e.toString());
            return null;
        }
    }

    /** The rows an interrupted labelling of {@code n} images left, or none (absent, damaged or another labelling). */
    Partial readPartial(int n, int classes) {
        Path f = partialFile();
        if (Files.isRegularFile(f)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(f)))) {
                int done;
                if (in.readInt() == PARTIAL_MAGIC && in.readInt() == n && in.readInt() == classes
                        && (done = in.readInt()) > 0 && done <= n) {
                    float[][] t = new float[n][];
                    for (int i = 0; i < done; i++) {
                        t[i] = new float[classes];
                        for (int k = 0; k < classes; k++) {
                            t[i][k] = in.readFloat();
                        }
                    }
                    return new Partial(t, done);
                }
            } catch (IOException e) {
                LoggerFactory.getLogger(TeacherTargetCache.class).warn("partial teacher targets {} unreadable ({}); "
                        + "labelling from the start", f, e.toString());
            }
        }
        return new Partial(new float[n][], 0);
    }

    /** Keeps rows {@code [0, done)} of {@code targets}, replacing the last ones kept whole (never half-written). */
    void writePartial(float[][] targets, int done) throws IOException {
        Files.createDirectories(file.getParent());
        int classes = done == 0 ? 0 : targets[0].length;
        AtomicFiles.write(partialFile(), raw -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw));
            out.writeInt(PARTIAL_MAGIC);
            out.writeInt(targets.length);
            out.writeInt(classes);
            out.writeInt(done);
            for (int i = 0; i < done; i++) {
                for (float v : targets[i]) {
                    out.writeFloat(v);
                }
            }
            out.flush();
        });
    }

    /** Writes the whole labelling and drops the partial one. */
    void write(float[][] targets) throws IOException {
        Files.createDirectories(file.getParent());
        int classes = targets.length == 0 ? 0 : targets[0].length;
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw));
            out.writeInt(MAGIC);
            out.writeInt(targets.length);
            out.writeInt(classes);
            for (float[] row : targets) {
                for (float v : row) {
                    out.writeFloat(v);
                }
            }
            out.flush();
        });
        Files.deleteIfExists(partialFile());
    }

    Path file() {
        return file;
    }

    Path partialFile() {
        return file.resolveSibling(file.getFileName() + ".partial");
    }

    private static String key(Distillation distill, List<Path> images) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path teacher = distill.teacher().toAbsolutePath().normalize();
        // Arithmetic pooling keeps the key it had before geometric pooling existed, so older caches still match.
        sha.update((teacher + "\n" + distill.teacherViews() + "\n" + (distill.geometric() ? "geometric\n" : ""))
                .getBytes(StandardCharsets.UTF_8));
        List<Path> described;
        try (Stream<Path> walk = Files.walk(teacher)) {
            described = walk.filter(p -> List.of("manifest.json", "ensemble.json", "calibration.json")
                    .contains(p.getFileName().toString())).sorted().toList();
        }
        for (Path p : described) {
            sha.update((teacher.relativize(p) + "\n").getBytes(StandardCharsets.UTF_8));
            try (InputStream in = Files.newInputStream(p)) {
                sha.update(in.readAllBytes());
            }
        }
        for (Path image : images) {
            sha.update((image.toAbsolutePath().normalize() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
