package org.plankton.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.data.Datasets;
import org.plankton.core.data.Sample;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecoder;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.testing.SyntheticPlankton;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.engine.OptimizerKind;

/** Training on images decoded on the fly: same images as in memory, bounded cache, unreadable files replaced. */
class StreamingImagesTest {

    @TempDir
    Path tmp;

    /** Class-major, sorted within each class (as a dataset listing gives them). */
    private static List<Sample> samples(Path data) throws Exception {
        return Datasets.read(data).samples();
    }

    @Test
    void givesTheSameImagesAsDecodingUpFrontAndKeepsTheCacheWithinItsBound() throws Exception {
        Path data = SyntheticPlankton.writeDataset(tmp.resolve("d"), 3, 10, 5);
        List<Sample> samples = samples(data);
        DecodedImages memory = DecodedImages.decode(samples, "decode", 2, new PrintStream(new ByteArrayOutputStream()));
        long oneImage = StreamingImages.bytes(memory.images().get(0));
        StreamingImages streamed = new StreamingImages(samples, new ImageDecoder(), 3 * oneImage);
        assertThat(streamed).hasSize(samples.size());
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < samples.size(); i++) {
                assertThat(streamed.get(i)).isEqualTo(memory.images().get(i));
            }
        }
        assertThat(streamed.failures()).isEmpty();
        // a cache of a few images cannot hold 30: the second round decodes again
        assertThat(streamed.decodedCount()).isGreaterThan(samples.size());
        StreamingImages cached = new StreamingImages(samples, new ImageDecoder(), Long.MAX_VALUE);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < samples.size(); i++) {
                cached.get(i);
            }
        }
        assertThat(cached.decodedCount()).as("a cache that holds everything decodes each file once").isEqualTo(samples.size());
        assertThat(cached.cacheHits()).isEqualTo(2L * samples.size());
    }

    @Test
    void parallelReadersGetConsistentImages() throws Exception {
        Path data = SyntheticPlankton.writeDataset(tmp.resolve("d"), 2, 20, 6);
        List<Sample> samples = samples(data);
        StreamingImages streamed = new StreamingImages(samples, new ImageDecoder(), 5_000);
        ImageDecoder decoder = new ImageDecoder();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                checks.add(pool.submit(() -> {
                    for (int k = 0; k < 200; k++) {
                        int i = (k * 7 + offset) % samples.size();
                        if (!streamed.get(i).equals(decoder.decode(samples.get(i).path()))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : checks) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnreadableFileIsRecordedAndReplacedByAnotherImageOfItsClass() throws Exception {
        Path data = SyntheticPlankton.writeDataset(tmp.resolve("d"), 2, 4, 7);
        List<Sample> samples = samples(data);
        Path broken = samples.get(1).path();
        Files.writeString(broken, "not a jpeg");
        StreamingImages streamed = new StreamingImages(samples, new ImageDecoder(), 0);
        GrayImage replacement = streamed.get(1);
        assertThat(replacement).isEqualTo(new ImageDecoder().decode(samples.get(2).path()));
        assertThat(samples.get(2).label()).isEqualTo(samples.get(1).label());
        streamed.get(1);
        assertThat(streamed.failures()).hasSize(1);
        assertThat(streamed.failures().get(0).path()).isEqualTo(broken);
        assertThat(streamed.failures().get(0).toString()).contains("not a");
    }

    @Test
    void aClassWithNoReadableImageStopsWithItsName() throws Exception {
        Path data = SyntheticPlankton.writeDataset(tmp.resolve("d"), 2, 2, 8);
        List<Sample> samples = samples(data);
        Files.writeString(samples.get(2).path(), "x");
        Files.writeString(samples.get(3).path(), "y");
        StreamingImages streamed = new StreamingImages(samples, new ImageDecoder(), 0);
        assertThat(streamed.get(0)).isNotNull();
        assertThatThrownBy(() -> streamed.get(3)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no image of class 1");
    }

    @Test
    void autoStreamsOnlyWhenTheDecodedImagesWouldNotFitTheHeapShare() throws Exception {
        Path data = SyntheticPlankton.writeDataset(tmp.resolve("d"), 2, 5, 9);
        List<Sample> samples = samples(data);
        long estimate = DataLoading.estimateDecodedBytes(samples, new ImageDecoder());
        long actual = 0;
        for (Sample s : samples) {
            actual += StreamingImages.bytes(new ImageDecoder().decode(s.path()));
        }
        assertThat(estimate).as("every image probed: exact").isEqualTo(actual);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        assertThat(DataLoading.AUTO.streams(samples, (long) (actual / DataLoading.MEMORY_SHARE) * 2, quiet)).isFalse();
        assertThat(DataLoading.AUTO.streams(samples, (long) (actual / DataLoading.MEMORY_SHARE) / 2, quiet)).isTrue();
        assertThat(DataLoading.STREAM.streams(samples, Long.MAX_VALUE, quiet)).isTrue();
        assertThat(DataLoading.MEMORY.streams(samples, 1, quiet)).isFalse();
        assertThat(DataLoading.parse("stream")).isEqualTo(DataLoading.STREAM);
        assertThatThrownBy(() -> DataLoading.parse("disk")).hasMessageContaining("auto, memory, stream");
    }

    @Test
    void trainingOnStreamedImagesMatchesTrainingInMemoryAndSurvivesABrokenFile() throws Exception {
        Path data = SyntheticPlankton.writeDataset(tmp.resolve("d"), 3, 24, 10);
        TrainConfig config = new TrainConfig(2, 16, OptimizerKind.NESTEROV, 0.05f, 0.9f, 1e-4f, ScheduleKind.COSINE, 0.05, 0.25, 9L, 0, 0,
                AugmentConfig.defaults(), 1, 9L);
        PreprocessConfig pre = PreprocessConfig.defaults().withImageSize(32);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        TrainingRun.Result memory = TrainingRun.run(new TrainingRun.Request(data, tmp.resolve("mem"), config, pre,
                ArchitectureConfig.tiny(), false).withLoading(DataLoading.MEMORY), quiet);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingRun.Result streamed = TrainingRun.run(new TrainingRun.Request(data, tmp.resolve("stream"), config, pre,
                ArchitectureConfig.tiny(), false).withLoading(DataLoading.STREAM),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("streaming: images decoded by the loader threads");
        // same batches (order and augmentation are fixed by seed and position), so the same training
        assertThat(streamed.history()).hasSameSizeAs(memory.history());
        assertThat(streamed.bestValLogLoss()).isCloseTo(memory.bestValLogLoss(), org.assertj.core.data.Offset.offset(1e-3));

        // a file that breaks after listing is met mid-training, replaced, and reported
        Path victim;
        try (var s = Files.list(data.resolve(Files.list(data).sorted().findFirst().orElseThrow().getFileName()))) {
            victim = s.sorted().findFirst().orElseThrow();
        }
        // a PNG signature passes the listing's content check; the damage shows only when decoded
        Files.write(victim, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 1, 2, 3});
        ByteArrayOutputStream log2 = new ByteArrayOutputStream();
        TrainingRun.Result survived = TrainingRun.run(new TrainingRun.Request(data, tmp.resolve("broken"), config, pre,
                ArchitectureConfig.tiny(), false).withLoading(DataLoading.STREAM),
                new PrintStream(log2, true, StandardCharsets.UTF_8));
        assertThat(survived.skipped()).extracting(f -> f.path()).contains(victim);
        assertThat(log2.toString(StandardCharsets.UTF_8)).contains("unreadable files met while streaming");
        Map<String, Object> provenance = BundleReader.read(tmp.resolve("broken")).provenance();
        assertThat(((Number) provenance.get("skipped_files")).intValue()).isEqualTo(1);
    }
}
