package org.plankton.nn.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The teacher's targets are reused only for the same teacher, views and images, and a damaged file is ignored. */
class TeacherTargetCacheTest {

    @Test
    void reusesTargetsOnlyForTheSameTeacherViewsAndImages(@TempDir Path tmp) throws Exception {
        Path teacher = Files.createDirectories(tmp.resolve("teacher"));
        Files.writeString(teacher.resolve("manifest.json"), "{\"weights_sha256\": \"a\"}");
        Files.writeString(teacher.resolve("calibration.json"), "{\"temperature\": 1.1}");
        Path cacheDir = tmp.resolve("run.checkpoint");
        List<Path> images = List.of(tmp.resolve("a.png"), tmp.resolve("b.png"));
        Distillation d = new Distillation(tmp.resolve("pool"), teacher, 0.5, 8);
        float[][] targets = {{0.25f, 0.75f}, {1f, 0f}};

        TeacherTargetCache cache = TeacherTargetCache.in(cacheDir, d, images);
        assertThat(cache.read(2, 2)).isNull();
        cache.write(targets);
        assertThat(TeacherTargetCache.in(cacheDir, d, images).read(2, 2)).isDeepEqualTo(targets);
        assertThat(cache.read(3, 2)).as("another number of readable images").isNull();

        Distillation otherViews = new Distillation(tmp.resolve("pool"), teacher, 0.5, 1);
        assertThat(TeacherTargetCache.in(cacheDir, otherViews, images).read(2, 2)).isNull();
        Distillation geometric = new Distillation(tmp.resolve("pool"), teacher, 0.5, 8, true);
        assertThat(TeacherTargetCache.in(cacheDir, geometric, images).read(2, 2)).as("geometric pooling of the views").isNull();
        assertThat(new Distillation(tmp.resolve("pool"), teacher, 0.5, 1, true).geometric()).as("one view").isFalse();
        assertThat(TeacherTargetCache.in(cacheDir, d, List.of(images.get(1), images.get(0))).read(2, 2)).isNull();
        Files.writeString(teacher.resolve("calibration.json"), "{\"temperature\": 1.2}");
        assertThat(TeacherTargetCache.in(cacheDir, d, images).read(2, 2)).as("recalibrated teacher").isNull();
        Files.writeString(teacher.resolve("calibration.json"), "{\"temperature\": 1.1}");

        // an interrupted labelling: its rows so far, kept beside the cache until the whole is written
        TeacherTargetCache fresh = TeacherTargetCache.in(cacheDir, otherViews, images);
        assertThat(fresh.readPartial(2, 2).done()).isZero();
        fresh.writePartial(new float[][] {{0.5f, 0.5f}, null}, 1);
        TeacherTargetCache.Partial partial = TeacherTargetCache.in(cacheDir, otherViews, images).readPartial(2, 2);
        assertThat(partial.done()).isEqualTo(1);
        assertThat(partial.targets()).hasNumberOfRows(2);
        assertThat(partial.targets()[0]).containsExactly(0.5f, 0.5f);
        assertThat(fresh.readPartial(3, 2).done()).as("another number of images").isZero();
        assertThat(fresh.readPartial(2, 3).done()).as("another number of classes").isZero();
        assertThat(fresh.read(2, 2)).as("a partial labelling is not the whole").isNull();
        byte[] part = Files.readAllBytes(fresh.partialFile());
        Files.write(fresh.partialFile(), java.util.Arrays.copyOf(part, part.length - 2));
        assertThat(fresh.readPartial(2, 2).done()).as("truncated partial file").isZero();
        fresh.writePartial(new float[][] {{0.5f, 0.5f}, null}, 1);
        fresh.write(new float[][] {{0.5f, 0.5f}, {0f, 1f}});
        assertThat(fresh.partialFile()).as("dropped once the whole is written").doesNotExist();

        byte[] bytes = Files.readAllBytes(cache.file());
        Files.write(cache.file(), java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertThat(TeacherTargetCache.in(cacheDir, d, images).read(2, 2)).as("truncated file").isNull();
    }
}
