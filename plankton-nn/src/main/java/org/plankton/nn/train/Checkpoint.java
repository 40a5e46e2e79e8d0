package org.plankton.nn.train;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.plankton.core.bundle.AtomicFiles;
import org.plankton.nn.engine.TrainingSession;

/**
 * The state needed to continue training after a crash or {@code kill -9}, in {@code <out>.checkpoint/}:
 * the weights ({@code weights-eNNNN.safetensors}), the optimiser state with the engine's random
 * generator ({@code optimizer-eNNNN.pt}: momentum buffers or AdamW moments) and {@code state.json}.
 *
 * <p>Crash safety without renaming directories: each epoch's files get new names, {@code state.json}
 * (which names them) is replaced atomically last, and only then are the previous epoch's files
 * deleted. Whatever moment the process dies, {@code state.json} points to complete files.
 */
final class Checkpoint {

    /** 2: the libtorch engine's files. 1 was DJL's ({@code .params} weights, {@code .ndlist} momentum). */
    static final int FORMAT_VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Persistent training progress, saved as state.json. */
    record State(int formatVersion, int epochsDone, long steps, double trainSeconds, double cpuSeconds,
                 double bestValLogLoss, int bestEpoch, String dataFingerprint, Map<String, Object> config, float mean,
                 float std, String weightsFile, String optimizerFile, String engine, List<EpochStats> history) {
    }

    private Checkpoint() {
    }

    static Path directoryFor(Path bundleOut) {
        return bundleOut.resolveSibling(bundleOut.getFileName() + ".checkpoint");
    }

    static void save(Path dir, State state, TrainingSession session) throws IOException {
        Files.createDirectories(dir);
        String weights = String.format("weights-e%04d.safetensors", state.epochsDone());
        String optimizer = String.format("optimizer-e%04d.pt", state.epochsDone());
        session.saveCheckpoint(dir.resolve(weights), dir.resolve(optimizer));
        State named = new State(FORMAT_VERSION, state.epochsDone(), state.steps(), state.trainSeconds(),
                state.cpuSeconds(), state.bestValLogLoss(), state.bestEpoch(), state.dataFingerprint(), state.config(),
                state.mean(), state.std(), weights, optimizer, session.description(), state.history());
        AtomicFiles.writeString(dir.resolve("state.json"), JSON.writeValueAsString(named));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                boolean epochFile = n.startsWith("weights-e") || n.startsWith("optimizer-e") || n.startsWith("momentum-e");
                if (epochFile && !n.equals(weights) && !n.equals(optimizer)) {
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
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("checkpoint " + file + " is damaged: " + e.getMessage(), e);
        }
        int version = tree.path("formatVersion").asInt(-1);
        if (version == 1) {
            throw new IOException("checkpoint " + dir + " was written by the old DJL engine and cannot be resumed on "
                    + "libtorch; train again without --resume (the bundle it kept still loads)");
        }
        if (version != FORMAT_VERSION) {
            throw new IOException("checkpoint " + file + " has format version " + version + ", this plankton reads "
                    + FORMAT_VERSION);
        }
        try {
            return JSON.treeToValue(tree, State.class);
        } catch (IOException e) {
            throw new IOException("checkpoint " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    static void restore(Path dir, State state, TrainingSession session) throws IOException {
        session.restoreCheckpoint(dir.resolve(state.weightsFile()), dir.resolve(state.optimizerFile()));
    }
}
