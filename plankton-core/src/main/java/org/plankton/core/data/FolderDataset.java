package org.plankton.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dataset laid out as one subfolder per class, as the NDSB training set was:
 * {@code root/<class name>/**}{@code /*.jpg}.
 *
 * <p>A class folder with no images is still a class: the folder name says the class exists, and
 * dropping it would silently shift the indices of every later class (indices come from sorted
 * names). It is logged as a warning, since a model cannot learn a class it never saw.
 *
 * <p>Files directly in the root belong to no class and are reported as skipped. Within class
 * folders, images are found by content as {@link ImageFiles} does, and everything else (hidden
 * entries included) is reported with its kind, so that training and evaluation summaries can
 * count it.
 */
public final class FolderDataset {

    private static final Logger LOG = LoggerFactory.getLogger(FolderDataset.class);

    private FolderDataset() {
    }

    /** Reads a training dataset; the class list is the sorted folder names. */
    public static LabelledDataset read(Path root) throws IOException {
        return read(root, Optional.empty());
    }

    /**
     * Reads an evaluation dataset against a model's classes: samples get the model's indices, and a
     * folder whose name is not a model class is reported once as skipped (with its files unused).
     * Model classes without a folder are fine: an evaluation set may cover only some classes.
     */
    public static LabelledDataset read(Path root, ClassList modelClasses) throws IOException {
        if (modelClasses == null) {
            throw new IllegalArgumentException("modelClasses must not be null");
        }
        return read(root, Optional.of(modelClasses));
    }

    private static LabelledDataset read(Path root, Optional<ClassList> model) throws IOException {
        if (root == null) {
            throw new IllegalArgumentException("dataset root must not be null");
        }
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString(), null, "no dataset folder here");
        }
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a folder (expected one subfolder per class)");
        }
        List<SkippedFile> skipped = new ArrayList<>();
        List<Path> classFolders = new ArrayList<>();
        for (Path entry : sortedEntries(root)) {
            if (EntryProbe.isHidden(entry)) {
                skipped.add(new SkippedFile(entry, SkippedFile.Kind.HIDDEN, "hidden (name starts with '.')"));
            } else if (Files.isDirectory(entry)) {
                classFolders.add(entry);
            } else {
                skipped.add(ImageFiles.check(entry).orElseGet(() -> new SkippedFile(entry, SkippedFile.Kind.UNUSED,
                        "not inside a class folder (files directly in the dataset root have no class)")));
            }
        }
        if (classFolders.isEmpty()) {
            throw new IOException(root + " has no class folders (expected one subfolder per class, e.g. "
                    + root.resolve("copepod") + "/image1.jpg)");
        }
        ClassList classes = model.orElseGet(() -> ClassList.of(
                classFolders.stream().map(f -> f.getFileName().toString()).toList()));

        List<Sample> samples = new ArrayList<>();
        for (Path folder : classFolders) {
            String name = folder.getFileName().toString();
            Optional<Integer> label = classes.find(name);
            if (label.isEmpty()) {
                skipped.add(new SkippedFile(folder, SkippedFile.Kind.UNUSED, "folder '" + name + "' is not a class of the model"));
                continue;
            }
            ImageListing listing = ImageFiles.list(List.of(folder));
            skipped.addAll(listing.skipped());
            List<Path> images = listing.images();
            if (images.isEmpty()) {
                LOG.warn("class folder {} has no images; class '{}' is kept but cannot be learned", folder, name);
            }
            for (Path image : images) {
                samples.add(new Sample(image, label.get()));
            }
        }
        samples.sort(Comparator.comparing((Sample s) -> s.path().toString()));
        return new LabelledDataset(classes, samples, skipped);
    }

    private static List<Path> sortedEntries(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.sorted(Comparator.comparing(Path::toString)).toList();
        }
    }
}
