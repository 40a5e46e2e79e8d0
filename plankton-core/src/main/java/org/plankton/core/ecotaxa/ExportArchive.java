package org.plankton.core.ecotaxa;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The files of an EcoTaxa export, a zip or an unpacked folder, by {@code /}-separated relative
 * name. Nothing is unpacked: files are opened one at a time when needed, so a big zip costs one
 * image of memory, and a name that would leave the export ({@code ../x}, {@code /x}, a symbolic
 * link pointing out) is never opened (zip slip).
 */
public interface ExportArchive extends Closeable {

    /** Every safe file name in the export, sorted. */
    List<String> files();

    /** Entries refused because their name would leave the export; reported, never read. */
    List<ImportProblem> refused();

    /** Opens a name from {@link #files()}; empty when the export has no such file. */
    Optional<InputStream> open(String name) throws IOException;

    /** A {@code .zip} file (case ignored, as EcoTaxa does) or a folder. */
    static ExportArchive open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return new FolderArchive(path);
        }
        if (!Files.exists(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString());
        }
        if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            throw new EcoTaxaFormatException(path + ": expected a .zip file or a folder");
        }
        return new ZipArchive(path);
    }

    /** The TSV files EcoTaxa would read, at any depth, in sorted path order. */
    default List<String> tsvFiles() {
        return files().stream().filter(f -> EcoTaxaTsv.isTsvName(f.substring(f.lastIndexOf('/') + 1))).toList();
    }

    /**
     * {@code name} normalised ({@code .} and {@code x/..} removed, {@code \} read as {@code /}),
     * or empty when it is absolute or climbs out of the export.
     */
    static Optional<String> normalise(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (String p : n.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(p);
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("/", parts));
    }

    /** An image name from a TSV, relative to the TSV's folder (section 1), normalised; empty if it escapes. */
    static Optional<String> resolve(String tsv, String imgFileName) {
        int slash = tsv.lastIndexOf('/');
        String dir = slash < 0 ? "" : tsv.substring(0, slash + 1);
        if (imgFileName.startsWith("/") || imgFileName.startsWith("\\")) {
            return Optional.empty();
        }
        return normalise(dir + imgFileName);
    }
}
