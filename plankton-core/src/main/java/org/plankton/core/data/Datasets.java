package org.plankton.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opens labelled data given on the command line: a folder per class, or a {@code path,label} CSV. */
public final class Datasets {

    private Datasets() {
    }

    /** Class list from the data itself (sorted folder names or distinct labels). */
    public static LabelledDataset read(Path data) throws IOException {
        return isManifest(data) ? ManifestDataset.read(data) : FolderDataset.read(requireFolder(data));
    }

    /** Labelled with a model's class indices; folders or labels the model lacks are reported as skipped. */
    public static LabelledDataset read(Path data, ClassList modelClasses) throws IOException {
        return isManifest(data) ? ManifestDataset.read(data, modelClasses)
                : FolderDataset.read(requireFolder(data), modelClasses);
    }

    private static boolean isManifest(Path data) {
        return Files.isRegularFile(data) && data.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    private static Path requireFolder(Path data) throws IOException {
        if (!Files.isDirectory(data)) {
            throw new IOException("labelled data " + data + " is neither a folder nor a .csv manifest");
        }
        return data;
    }
}
