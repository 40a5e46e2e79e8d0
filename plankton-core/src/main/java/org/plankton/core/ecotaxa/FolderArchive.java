package org.plankton.core.ecotaxa;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** An export already unpacked into a folder; symbolic links that point outside it are not followed. */
final class FolderArchive implements ExportArchive {

    private final Path root;
    private final Path realRoot;
    private final List<String> files = new ArrayList<>();

    FolderArchive(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = root.toRealPath();
        try (Stream<Path> walk = Files.walk(this.root)) {
            walk.filter(Files::isRegularFile)
                    .map(p -> this.root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .forEach(files::add);
        }
    }

    @Override
    public List<String> files() {
        return List.copyOf(files);
    }

    @Override
    public List<ImportProblem> refused() {
        return List.of();
    }

    @Override
    public Optional<InputStream> open(String name) throws IOException {
        Optional<String> safe = ExportArchive.normalise(name);
        if (safe.isEmpty()) {
            return Optional.empty();
        }
        Path p = root.resolve(safe.get());
        if (!Files.isRegularFile(p) || !p.toRealPath().startsWith(realRoot)) {
            return Optional.empty();
        }
        return Optional.of(Files.newInputStream(p));
    }

    @Override
    public void close() {
        // nothing held open between reads
    }
}
