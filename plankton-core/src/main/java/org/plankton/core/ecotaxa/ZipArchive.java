package org.plankton.core.ecotaxa;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A zip read through its central directory ({@link ZipFile}): random access to one entry at a time,
 * so the TSVs can be read before the images whatever the entry order, without holding any image
 * in memory. Entry names are normalised once; one that would leave the export is refused.
 */
final class ZipArchive implements ExportArchive {

    private final ZipFile zip;
    private final Map<String, ZipEntry> entries = new TreeMap<>();
    private final List<ImportProblem> refused = new ArrayList<>();

    ZipArchive(Path file) throws IOException {
        try {
            this.zip = new ZipFile(file.toFile());
        } catch (java.util.zip.ZipException e) {
            throw new EcoTaxaFormatException(file + ": not a readable zip file (" + e.getMessage() + ")");
        }
        for (ZipEntry e : Collections.list(zip.entries())) {
            if (e.isDirectory()) {
                continue;
            }
            Optional<String> name = ExportArchive.normalise(e.getName());
            if (name.isEmpty() || !name.get().equals(e.getName().replace('\\', '/').replaceFirst("^\\./", ""))) {
                // a name that needs normalising is either hostile or odd; either way nobody's TSV should rely on it
                refused.add(new ImportProblem(e.getName(), "", "", "zip entry refused: its path leaves the export "
                        + "or is not in plain form (zip slip)"));
            } else {
                entries.putIfAbsent(name.get(), e);
            }
        }
    }

    @Override
    public List<String> files() {
        return List.copyOf(entries.keySet());
    }

    @Override
    public List<ImportProblem> refused() {
        return List.copyOf(refused);
    }

    @Override
    public Optional<InputStream> open(String name) throws IOException {
        ZipEntry e = entries.get(name);
        return e == null ? Optional.empty() : Optional.of(zip.getInputStream(e));
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
