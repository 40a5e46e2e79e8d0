package org.plankton.core.bundle;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How {@link EnsembleBundle#write} lays an ensemble folder out.
 *
 * @param sources  where each member came from, as ensemble.json records it
 * @param onnx     whether to write the one-graph model.onnx (when plankton-onnx is on the class path)
 * @param ownFiles the ensemble's own files ({@link EnsembleBundle#OWN_FILES}, name to bytes) to write in
 * @param linked   indices of members to reference in place (by a relative path pinned by their checksums,
 *                 see {@link EnsembleLinks}) instead of copying them in: a bundle that is shipped beside the
 *                 ensemble anyway (the repository's default model) is then stored once
 */
public record EnsembleLayout(List<String> sources, boolean onnx, Map<String, byte[]> ownFiles, Set<Integer> linked) {

    public EnsembleLayout {
        sources = List.copyOf(sources);
        ownFiles = Map.copyOf(ownFiles);
        linked = Set.copyOf(linked);
        if (!EnsembleBundle.OWN_FILES.containsAll(ownFiles.keySet())) {
            throw new IllegalArgumentException("not an ensemble's own file: " + ownFiles.keySet());
        }
    }

    /** Every member copied in, recorded by its absolute path; the one-graph model.onnx when it can be written. */
    public static EnsembleLayout of(List<Path> members) {
        return new EnsembleLayout(members.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList(), true,
                Map.of(), Set.of());
    }

    public EnsembleLayout withSources(List<String> s) {
        return new EnsembleLayout(s, onnx, ownFiles, linked);
    }

    public EnsembleLayout withOnnx(boolean o) {
        return new EnsembleLayout(sources, o, ownFiles, linked);
    }

    public EnsembleLayout withOwnFiles(Map<String, byte[]> f) {
        return new EnsembleLayout(sources, onnx, f, linked);
    }

    public EnsembleLayout withLinked(Set<Integer> l) {
        return new EnsembleLayout(sources, onnx, ownFiles, l);
    }
}
