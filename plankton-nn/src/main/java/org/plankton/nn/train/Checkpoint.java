package org.plankton.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.plankton.core.bundle.AtomicFiles;
import org.plankton.nn.infer.Network;

/**
 * The state needed to continue training after a crash or {@code kill -9}: weights, Nesterov
 * momentum and {@code state.json}, in {@code <out>.checkpoint/}.
 *
 * <p>Crash safety without renaming directories: each epoch's weight and momentum files get new
 * names, {@code state.json} (which names them) is replaced atomically last, and only then are the
 * previous epoch's files deleted. Whatever moment the process dies, {@code state.json} points to
 * complete files.
 */
final class Checkpoint {

    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Persistent training progress, saved as state.json. */
    record State(int formatVersion, int epochsDone, long steps, double trainSeconds, double cpuSeconds,
                 double bestValLogLoss,
                 int bestEpoch, String dataFingerprint, Map<String, Object> config, float mean, float std,
                 String weightsFile, String momentumFile, List<EpochStats> history) {
    }

    private Checkpoint() {
    }

    static Path directoryFor(Path bundleOut) {
        return bundleOut.resolveSibling(bundleOut.getFileName() + ".checkpoint");
    }

    static void save(Path dir, State state, Network network, Nesterov nesterov) throws IOException {
        Files.createDirectories(dir);
        String weights = String.format("weights-e%04d.params", state.epochsDone());
        String momentum = nesterov == null ? null : String.format("momentum-e%04d.ndlist", state.epochsDone());
        network.saveWeights(dir.resolve(weights));
        if (nesterov != null) {
            try (NDManager tmp = network.model().getNDManager().newSubManager()) {
                NDList list = new NDList();
                for (Pair<String, Parameter> p : network.block().getParameters()) {
                    NDArray v = nesterov.momentumBuffers().get(p.getValue().getId());
                    if (v != null) {
                        NDArray copy = tmp.create(v.toFloatArray(), v.getShape());
                        copy.setName(p.getKey());
                        list.add(copy);
                    }
                }
                Files.write(dir.resolve(momentum), list.encode());
            }
        }
        State named = new State(state.formatVersion(), state.epochsDone(), state.steps(), state.trainSeconds(),
                state.cpuSeconds(),
                state.bestValLogLoss(), state.bestEpoch(), state.dataFingerprint(), state.config(), state.mean(),
                state.std(), weights, momentum, state.history());
        AtomicFiles.writeString(dir.resolve("state.json"), JSON.writeValueAsString(named));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if ((n.startsWith("weights-e") || n.startsWith("momentum-e")) && !n.equals(weights) && !n.equals(momentum)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    static State load(Path dir) throws IOException {
        Path file = dir.resolve("state.json");
        if (!Files.isRegularFile(file)) {
            throw new IOException("nothing to resume: no checkpoint at " + file);
        }
        State s;
        try {
            s = JSON.readValue(file.toFile(), State.class);
        } catch (IOException e) {
            throw new IOException("checkpoint " + file + " is damaged: " + e.getMessage(), e);
        }
        if (s.formatVersion() != FORMAT_VERSION) {
            throw new IOException("checkpoint " + file + " has format version " + s.formatVersion()
                    + ", this plankton reads " + FORMAT_VERSION);
        }
        return s;
    }

    static void restore(Path dir, State state, Network network, Nesterov nesterov) throws IOException {
        network.loadWeights(dir.resolve(state.weightsFile()));
        if (nesterov != null && state.momentumFile() != null) {
            Path file = dir.resolve(state.momentumFile());
            try (NDManager tmp = network.model().getNDManager().newSubManager()) {
                NDList list = NDList.decode(tmp, Files.readAllBytes(file));
                Map<String, NDArray> byName = new java.util.HashMap<>();
                for (NDArray a : list) {
                    byName.put(a.getName(), a);
                }
                for (Pair<String, Parameter> p : network.block().getParameters()) {
                    NDArray v = byName.get(p.getKey());
                    if (v != null) {
                        nesterov.restoreMomentum(p.getValue().getId(), v);
                    }
                }
            }
        }
    }
}
