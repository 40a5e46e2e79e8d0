package org.plankton.core.data;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plankton.core.data.SkippedFile.Kind;

/**
 * Finds image files under the paths a user names, and says what became of everything else.
 *
 * <p>Images are recognised by content (their first bytes, see
 * {@link org.plankton.core.image.ImageFormat}), not by extension: instruments and exports write
 * images without extensions or with odd ones, and a name proves nothing. Every other entry is
 * reported as a {@link SkippedFile} with its kind: not an image, unreadable (broken or looping
 * symbolic links, no permission, pipes and devices, folders that cannot be listed), hidden, or
 * an output of the run itself. Nothing under a root is dropped without a trace, and no single bad
 * entry stops the walk.
 *
 * <p>Results are sorted by path string so that every machine sees the same order (file-system
 * listing order differs between ext4, APFS and NTFS, and that order would otherwise leak into
 * splits and outputs). Hidden files and folders (name starting with '.') are editor, OS or VCS
 * debris ({@code .DS_Store}, {@code ._x.jpg}, {@code .git}), never images; they are counted, and
 * a hidden folder is not searched.
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** {@link #list(List, Collection)} with no outputs of the caller to leave out. */
    public static ImageListing list(List<Path> roots) throws IOException {
        return list(roots, List.of());
    }

    /**
     * Image files under the given roots. A folder is walked recursively (symbolic links followed);
     * a path naming a file is looked at even if hidden, because the user named it.
     *
     * @param ownOutputs files the caller writes (its CSV, errors file): found under a root they are
     *                   skipped as {@link Kind#OWN_OUTPUT}, as are {@code *.part} files
     * @return the images and the skipped entries, each sorted by path string, each path once
     * @throws NoSuchFileException naming a root that does not exist (a typo should stop the run)
     */
    public static ImageListing list(List<Path> roots, Collection<Path> ownOutputs) throws IOException {
        if (roots == null || ownOutputs == null) {
            throw new IllegalArgumentException("roots and ownOutputs must not be null, got " + roots + ", " + ownOutputs);
        }
        EntryProbe probe = new EntryProbe(ownOutputs);
        // key: absolute normalised form, so "data/x.jpg" and "./data/x.jpg" count once
        Map<Path, Path> images = new HashMap<>();
        Map<Path, SkippedFile> skipped = new HashMap<>();
        for (Path root : roots) {
            if (root == null) {
                throw new IllegalArgumentException("roots must not contain null: " + roots);
            }
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(root.toString(), null, "no such file or directory");
            }
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new Walk(root, probe, images, skipped));
        }
        List<Path> imageList = new ArrayList<>(images.values());
        imageList.sort(Comparator.comparing(Path::toString));
        // a hidden file met in a walk and also named by the user is taken: naming it says it is wanted
        skipped.keySet().removeAll(images.keySet());
        List<SkippedFile> skippedList = new ArrayList<>(skipped.values());
        skippedList.sort(Comparator.comparing((SkippedFile s) -> s.path().toString()));
        return new ImageListing(imageList, skippedList);
    }

    /**
     * Why one named file (a manifest row, say) is not an image, or empty if it is one. A missing
     * file is {@link Kind#UNREADABLE} here rather than an exception: one bad row must not stop a run.
     */
    public static Optional<SkippedFile> check(Path file) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException followed) {
            try {
                // as a walk does: the link's own attributes, so the probe can say what is wrong with it
                attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return Optional.of(new SkippedFile(file, Kind.UNREADABLE, "file not found"));
            } catch (IOException e) {
                return Optional.of(new SkippedFile(file, Kind.UNREADABLE, "cannot read: " + EntryProbe.describe(e)));
            }
        }
        return new EntryProbe(List.of()).probe(file, attrs, true);
    }

    /** One root's walk; every callback records and continues, so one bad entry never ends it. */
    private static final class Walk extends SimpleFileVisitor<Path> {
        private final Path root;
        private final EntryProbe probe;
        private final Map<Path, Path> images;
        private final Map<Path, SkippedFile> skipped;

        Walk(Path root, EntryProbe probe, Map<Path, Path> images, Map<Path, SkippedFile> skipped) {
            this.root = root;
            this.probe = probe;
            this.images = images;
            this.skipped = skipped;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root) && EntryProbe.isHidden(dir)) {
                skip(new SkippedFile(dir, Kind.HIDDEN, "hidden folder (name starts with '.'), not searched"));
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            Optional<SkippedFile> problem = probe.probe(file, attrs, file.equals(root));
            if (problem.isPresent()) {
                skip(problem.get());
            } else {
                images.putIfAbsent(EntryProbe.key(file), file);
            }
            return FileVisitResult.CONTINUE;
        }

        /** A folder that cannot be opened (no permission, a link loop back to an ancestor). */
        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
            if (file.equals(root) && exc instanceof NoSuchFileException) {
                throw exc; // gone since the caller checked it: as if it had never been there
            }
            skip(!file.equals(root) && EntryProbe.isHidden(file)
                    ? new SkippedFile(file, Kind.HIDDEN, "hidden (name starts with '.')")
                    : new SkippedFile(file, Kind.UNREADABLE, "cannot open: " + EntryProbe.describe(exc)));
            return FileVisitResult.CONTINUE;
        }

        /** A folder whose listing broke off part-way: what was seen is kept, the folder reported. */
        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
            if (exc != null) {
                skip(new SkippedFile(dir, Kind.UNREADABLE, "folder could not be listed completely: "
                        + EntryProbe.describe(exc)));
            }
            return FileVisitResult.CONTINUE;
        }

        private void skip(SkippedFile s) {
            skipped.putIfAbsent(EntryProbe.key(s.path()), s);
        }
    }
}
