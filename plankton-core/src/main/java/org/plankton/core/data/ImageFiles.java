package org.plankton.core.data;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Finds image files under the paths a user names.
 *
 * <p>The result is sorted by path string so that every machine sees the same order (file-system
 * listing order differs between ext4, APFS and NTFS, and that order would otherwise leak into
 * splits and outputs). Hidden files and folders (name starting with '.') are skipped because they
 * are editor, OS or VCS debris ({@code .DS_Store}, {@code ._x.jpg}, {@code .git}), never images.
 */
public final class ImageFiles {

    /** Lower-case extensions (without dot) of files picked up when walking a folder. */
    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff");

    private ImageFiles() {
    }

    /** True if the file name ends with one of {@link #EXTENSIONS}, ignoring case. */
    public static boolean hasImageExtension(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(s.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Image files under the given roots. A folder is walked recursively (symbolic links followed,
     * hidden entries skipped) and only files with an image extension are kept; a path that is a
     * regular file is kept whatever its extension, because the user named it explicitly and the
     * decoder will say if it is not an image.
     *
     * @return paths sorted by their string form, each file once
     * @throws NoSuchFileException naming a root that does not exist
     * @throws IOException         if a folder cannot be read
     */
    public static List<Path> list(List<Path> roots) throws IOException {
        return collect(roots, (file, reason) -> { });
    }

    /** Like {@link #list}, also reporting each file of a walked folder that is not taken, and why. */
    static List<Path> collect(List<Path> roots, BiConsumer<Path, String> notTaken) throws IOException {
        if (roots == null) {
            throw new IllegalArgumentException("roots must not be null");
        }
        // key: absolute normalised form, so "data/x.jpg" and "./data/x.jpg" count once
        Map<Path, Path> unique = new LinkedHashMap<>();
        for (Path root : roots) {
            if (root == null) {
                throw new IllegalArgumentException("roots must not contain null: " + roots);
            }
            if (Files.isDirectory(root)) {
                walk(root, unique, notTaken);
            } else if (Files.isRegularFile(root)) {
                unique.putIfAbsent(key(root), root);
            } else if (Files.exists(root)) {
                throw new IOException(root + ": not a regular file or directory");
            } else {
                throw new NoSuchFileException(root.toString(), null, "no such file or directory");
            }
        }
        List<Path> result = new ArrayList<>(unique.values());
        result.sort(Comparator.comparing(Path::toString));
        return List.copyOf(result);
    }

    private static void walk(Path root, Map<Path, Path> into, BiConsumer<Path, String> notTaken) throws IOException {
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && isHidden(dir)
                                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (isHidden(file)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (attrs.isSymbolicLink()) {
                            // only reported as a link when following it failed
                            notTaken.accept(file, "broken symbolic link");
                        } else if (!hasImageExtension(file)) {
                            notTaken.accept(file, "not an image file (extension not one of "
                                    + String.join(", ", sortedExtensions()) + ")");
                        } else {
                            into.putIfAbsent(key(file), file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                        if (exc instanceof FileSystemLoopException) {
                            notTaken.accept(file, "symbolic link loop");
                            return FileVisitResult.CONTINUE;
                        }
                        throw exc;
                    }
                });
    }

    private static List<String> sortedExtensions() {
        return EXTENSIONS.stream().sorted().toList();
    }

    private static boolean isHidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
