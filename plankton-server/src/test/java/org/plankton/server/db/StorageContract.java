package org.plankton.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plankton.server.images.Action;
import org.plankton.server.images.ClassCount;
import org.plankton.server.images.ImageQuery;
import org.plankton.server.images.ImageRecord;
import org.plankton.server.images.ImageRepository;
import org.plankton.server.images.PastPrediction;
import org.plankton.server.images.PredictionRepository;
import org.plankton.server.images.Reprediction;
import org.plankton.server.images.ReviewRepository;
import org.plankton.server.images.LabelledArea;
import org.plankton.server.images.NewImage;
import org.plankton.server.images.Status;
import org.plankton.server.inference.Trust;
import org.plankton.server.samples.SampleRecord;
import org.plankton.server.samples.SampleMetadata;
import org.plankton.server.samples.SampleRepository;

/**
 * What the storage layer promises, run against each database we support (a real server, not a
 * mock): migrations, dedupe by the unique constraint, append-only review history, filters,
 * counts, cascading deletes, and no lost writes under concurrency.
 */
abstract class StorageContract {

    Database db;
    SampleRepository samples;
    ImageRepository images;

    /** A JDBC URL for an empty database (or one holding only this schema). */
    abstract String jdbcUrl() throws Exception;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(jdbcUrl());
        samples = new SampleRepository(db);
        images = new ImageRepository(db);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    static NewImage image(long sample, String sha, String cls, double p) {
        Map<String, Float> probs = new LinkedHashMap<>();
        probs.put("a", cls.equals("a") ? (float) p : (float) (1 - p));
        probs.put("b", cls.equals("b") ? (float) p : (float) (1 - p));
        return new NewImage(sample, sha.repeat(64 / sha.length()), "f-" + sha + ".png", "PNG", 100, 10, 20, "m@1", cls, p, probs, null);
    }

    @Test
    void trustFieldsRoundTripAndFilterOutOfDomain() throws Exception {
        SampleRecord s = samples.create("trust", "");
        NewImage plain = image(s.id(), "77", "a", 0.9);
        NewImage far = new NewImage(s.id(), "88".repeat(32), "far.png", "PNG", 100, 10, 20, "m@1", "b", 0.6,
                plain.probabilities(), new Trust(41.5, true, "lines", 0.95, List.of("b", "a"), false));
        long plainId = images.insert(plain).id();
        long farId = images.insert(far).id();
        assertThat(images.find(plainId).orElseThrow().trust()).isEqualTo(Trust.NONE); // as for rows stored before V2
        assertThat(images.find(farId).orElseThrow().trust()).isEqualTo(far.trust());
        var flagged = new ImageQuery(s.id(), null, null, null, null, null, null, 10, 0, true);
        assertThat(images.query(flagged).images()).extracting(ImageRecord::id).containsExactly(farId);
        var notFlagged = new ImageQuery(s.id(), null, null, null, null, null, null, 10, 0, false);
        assertThat(images.query(notFlagged).total()).isZero(); // never scored: neither in nor out
        // rejected (accepted false) counts as unclassified until someone reviews it
        assertThat(images.counts(s.id())).containsExactlyInAnyOrder(new ClassCount("a", 1, 0, 1),
                new ClassCount(ImageRepository.UNCLASSIFIED, 1, 0, 1));
        images.annotate(farId, Action.CORRECT, "b", "x");
        assertThat(images.counts(s.id())).contains(new ClassCount("b", 0, 1, 1));
    }

    @Test
    void undoAndDubiousAppendToTheLogAndAResetCountsWhereAnUnreviewedImageDoes() throws Exception {
        SampleRecord s = samples.create("undo", "");
        NewImage plain = image(s.id(), "55", "a", 0.9);
        NewImage refused = new NewImage(s.id(), "66".repeat(32), "refused.png", "PNG", 100, 10, 20, "m@1", "b", 0.4,
                plain.probabilities(), new Trust(1.0, false, null, null, List.of("b", "a"), false));
        long plainId = images.insert(plain).id();
        long refusedId = images.insert(refused).id();

        long correction = images.annotate(refusedId, Action.CORRECT, "a", "x").orElseThrow().id();
        assertThat(images.counts(s.id())).contains(new ClassCount("a", 1, 1, 2));
        var undone = images.undo(refusedId, correction, "x").orElseThrow();
        assertThat(undone.action()).isEqualTo("reset");
        assertThat(undone.label()).isNull();
        assertThat(undone.undoes()).isEqualTo(correction);
        ImageRecord back = images.find(refusedId).orElseThrow();
        assertThat(back.status()).isEqualTo(Status.PREDICTED);
        assertThat(back.label()).isEqualTo("b");
        assertThat(images.counts(s.id())).contains(new ClassCount(ImageRepository.UNCLASSIFIED, 1, 0, 1));
        assertThat(images.history(refusedId)).hasSize(2);
        assertThatThrownBy(() -> images.undo(refusedId, correction, "x")).isInstanceOf(ReviewRepository.UndoConflict.class);

        images.annotate(plainId, Action.DUBIOUS, null, "y");
        assertThat(images.find(plainId).orElseThrow().status()).isEqualTo(Status.DUBIOUS);
        assertThat(images.find(plainId).orElseThrow().label()).isEqualTo("a");
        var dubious = new ImageQuery(s.id(), null, null, Status.DUBIOUS, null, null, null, 10, 0);
        assertThat(images.query(dubious).images()).extracting(ImageRecord::id).containsExactly(plainId);
        assertThat(images.validateGroup(s.id(), "a", 0.0, "z")).isEmpty(); // a person's doubt stays
        assertThat(images.validateAll(s.id(), List.of(plainId), "z")).hasSize(1);
        assertThat(images.find(plainId).orElseThrow().status()).isEqualTo(Status.VALIDATED);
        assertThatThrownBy(() -> images.annotate(plainId, Action.VALIDATE, null, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void migrationsAreIdempotentAndRecorded() throws Exception {
        db.close();
        db = Database.open(jdbcUrl()); // a second start finds the schema current
        samples = new SampleRepository(db);
        int version = db.read(Migrations::currentVersion);
        assertThat(version).isEqualTo(Migrations.latestVersion());
    }

    @Test
    void duplicatesAreRefusedByContentPerSample() throws Exception {
        SampleRecord s = samples.create("s", "");
        SampleRecord t = samples.create("t", "");
        var first = images.insert(image(s.id(), "ab", "a", 0.9));
        var again = images.insert(image(s.id(), "ab", "b", 0.6));
        var other = images.insert(image(t.id(), "ab", "a", 0.9));
        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(other.duplicate()).isFalse();
        assertThat(images.find(first.id()).orElseThrow().predictedClass()).isEqualTo("a");
        assertThat(images.find(first.id()).orElseThrow().probabilities()).containsKeys("a", "b");
    }

    @Test
    void exportStreamReadsEveryImageOfTheSampleInUploadOrderAcrossPages() throws Exception {
        SampleRecord s = samples.create("paged", "");
        SampleRecord other = samples.create("other", "");
        List<Long> ids = new ArrayList<>();
        for (int k = 0; k < 7; k++) {
            ids.add(images.insert(image(s.id(), String.format("%02x", k + 16), k % 2 == 0 ? "a" : "b", 0.6)).id());
            images.insert(image(other.id(), String.format("%02x", k + 64), "a", 0.6));
        }
        images.annotate(ids.get(3), Action.CORRECT, "b", "ana");
        for (int pageSize : new int[] {1, 2, 3, 7, 100}) {
            List<ImageRecord> seen = new ArrayList<>();
            org.plankton.server.images.ImageStream.of(images, s.id(), pageSize).forEach(seen::add);
            assertThat(seen).as("page size %d", pageSize).extracting(ImageRecord::id).containsExactlyElementsOf(ids);
            assertThat(seen.get(3).label()).isEqualTo("b");
            assertThat(seen).extracting(ImageRecord::sampleId).containsOnly(s.id());
        }
        assertThat(images.page(s.id(), ids.get(6), 10)).isEmpty();
    }

    @Test
    void reviewsAppendAndTheLatestWins() throws Exception {
        SampleRecord s = samples.create("s", "");
        long id = images.insert(image(s.id(), "cd", "a", 0.7)).id();
        images.insert(image(s.id(), "ef", "b", 0.4));
        images.annotate(id, Action.CORRECT, "b", "ana");
        images.annotate(id, Action.VALIDATE, null, "ben");
        ImageRecord r = images.find(id).orElseThrow();
        assertThat(r.predictedClass()).isEqualTo("a");
        assertThat(r.label()).isEqualTo("b");
        assertThat(r.status()).isEqualTo(Status.VALIDATED);
        assertThat(r.annotatedBy()).isEqualTo("ben");
        assertThat(images.history(id)).extracting("action").containsExactly("correct", "validate");
        assertThat(images.annotate(999_999, Action.VALIDATE, null, "x")).isEmpty();
        assertThatThrownBy(() -> images.annotate(id, Action.CORRECT, " ", "x")).isInstanceOf(IllegalArgumentException.class);

        List<ClassCount> counts = images.counts(s.id());
        assertThat(counts).containsExactlyInAnyOrder(new ClassCount("a", 1, 0, 0), new ClassCount("b", 1, 1, 2));
        var q = new ImageQuery(s.id(), null, null, Status.PREDICTED, null, null, ImageQuery.Order.LEAST_CONFIDENT, 10, 0);
        assertThat(images.query(q).images()).extracting(ImageRecord::predictedClass).containsExactly("b");
        var byLabel = new ImageQuery(s.id(), null, "b", null, 0.5, 1.0, null, 10, 0);
        assertThat(images.query(byLabel).total()).isEqualTo(1);
    }

    /** Three classes: {@code cls} gets {@code top}, the next class {@code second}, the third the rest. */
    static NewImage image3(long sample, String sha, String cls, double top, double second) {
        List<String> names = List.of("a", "b", "c");
        String runnerUp = names.get((names.indexOf(cls) + 1) % 3);
        Map<String, Float> probs = new LinkedHashMap<>();
        for (String n : names) {
            probs.put(n, (float) (n.equals(cls) ? top : n.equals(runnerUp) ? second : 1 - top - second));
        }
        return new NewImage(sample, sha.repeat(64 / sha.length()), "f-" + sha + ".png", "PNG", 100, 10, 20, "m@1", cls, top,
                probs, null);
    }

    @Test
    void informativeOrderTakesTheSmallestMarginOfEveryClassInTurn() throws Exception {
        SampleRecord s = samples.create("informative", "");
        long a1 = images.insert(image3(s.id(), "a1", "a", 0.50, 0.45)).id(); // margin 0.05
        long a2 = images.insert(image3(s.id(), "a2", "a", 0.70, 0.20)).id(); // 0.50
        long a3 = images.insert(image3(s.id(), "a3", "a", 0.95, 0.05)).id(); // 0.90
        long b4 = images.insert(image3(s.id(), "b4", "b", 0.50, 0.40)).id(); // 0.10
        long b5 = images.insert(image3(s.id(), "b5", "b", 0.55, 0.35)).id(); // 0.20
        long c6 = images.insert(image3(s.id(), "c6", "c", 0.80, 0.20)).id(); // 0.60
        var q = new ImageQuery(s.id(), null, null, null, null, null, ImageQuery.Order.parse("informative"), 10, 0);
        // round 1: the hardest of each class (by margin), round 2: the second of each, round 3: a's third
        assertThat(images.query(q).images()).extracting(ImageRecord::id).containsExactly(a1, b4, c6, b5, a2, a3);
        var page = new ImageQuery(s.id(), null, null, null, null, null, ImageQuery.Order.INFORMATIVE, 2, 2);
        assertThat(images.query(page).images()).extracting(ImageRecord::id).containsExactly(c6, b5);
        // least confident orders by the top probability alone: b4 (0.50) and a1 (0.50) before b5 (0.55)
        var least = new ImageQuery(s.id(), null, null, null, null, null, ImageQuery.Order.LEAST_CONFIDENT, 3, 0);
        assertThat(images.query(least).images()).extracting(ImageRecord::id).containsExactly(a1, b4, b5);
    }

    @Test
    void deleteCascadesAndReportsOrphanedContent() throws Exception {
        SampleRecord s = samples.create("s", "");
        SampleRecord t = samples.create("t", "");
        long id = images.insert(image(s.id(), "11", "a", 0.7)).id();
        images.insert(image(s.id(), "22", "a", 0.7));
        images.insert(image(t.id(), "22", "a", 0.7));
        images.annotate(id, Action.VALIDATE, null, "x");
        List<String> orphans = samples.delete(s.id()).orElseThrow();
        assertThat(orphans).containsExactly("11".repeat(32));
        assertThat(images.find(id)).isEmpty();
        assertThat(images.history(id)).isEmpty();
        assertThat(samples.delete(s.id())).isEmpty();
        assertThat(samples.list()).extracting(SampleRecord::name).containsExactly("t");
    }

    @Test
    void concurrentInsertsAndReviewsLoseNothing() throws Exception {
        SampleRecord s = samples.create("s", "");
        long id = images.insert(image(s.id(), "99", "a", 0.5)).id();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> inserts = new ArrayList<>();
            List<Future<?>> reviews = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int who = t;
                inserts.add(pool.submit(() -> !images.insert(image(s.id(), "77", "b", 0.5)).duplicate()));
                reviews.add(pool.submit(() -> {
                    for (int k = 0; k < 10; k++) {
                        images.annotate(id, Action.CORRECT, "l" + who, "u" + who);
                    }
                    return null;
                }));
            }
            int created = 0;
            for (Future<Boolean> f : inserts) {
                created += f.get() ? 1 : 0;
            }
            for (Future<?> f : reviews) {
                f.get();
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(images.history(id)).hasSize(80);
        assertThat(samples.find(s.id()).orElseThrow().images()).isEqualTo(2);
    }

    @Test
    void sampleMetadataRoundTripsAndImagesKeepTheirArea() throws Exception {
        SampleMetadata m = new SampleMetadata(2.5, 0.125, "2024-05-01T10:30:00+02:00", -33.5, 151.25, 5.0, 50.0,
                "UVP5", 73.0);
        SampleRecord s = samples.create("meta", "", m);
        assertThat(samples.find(s.id()).orElseThrow().metadata()).isEqualTo(m);
        assertThat(samples.create("bare", "").metadata()).isEqualTo(SampleMetadata.EMPTY);

        SampleMetadata changed = m.with("instrument", null).with("depth_max_m", 80.0);
        assertThat(samples.updateMetadata(s.id(), changed).orElseThrow().metadata()).isEqualTo(changed);
        assertThat(samples.find(s.id()).orElseThrow().metadata().instrument()).isNull();
        assertThat(samples.updateMetadata(987654, changed)).isEmpty();
        assertThat(samples.findByName(" meta ")).extracting(SampleRecord::id).containsExactly(s.id());

        NewImage plain = image(s.id(), "a1", "a", 0.9);
        images.insert(new NewImage(plain.sampleId(), plain.sha256(), plain.originalName(), plain.format(),
                plain.byteSize(), plain.width(), plain.height(), plain.modelId(), plain.predictedClass(),
                plain.predictedProb(), plain.probabilities(), plain.trust(), 123.5));
        long unsized = images.insert(image(s.id(), "b2", "b", 0.8)).id();
        images.annotate(unsized, Action.CORRECT, "a", "ana");
        assertThat(images.labelledAreas(s.id())).containsExactly(new LabelledArea("a", 123.5),
                new LabelledArea("a", null));
    }

    @Test
    void aReplacedPredictionGoesToTheHistoryAndTheReviewStays() throws Exception {
        SampleRecord s = samples.create("repredict", "");
        long id = images.insert(image(s.id(), "66", "a", 0.9)).id();
        images.annotate(id, Action.CORRECT, "b", "ana");
        PredictionRepository predictions = new PredictionRepository(db);
        Map<String, Float> probs = new LinkedHashMap<>();
        probs.put("a", 0.2f);
        probs.put("b", 0.7f);
        probs.put("c", 0.1f);
        assertThat(predictions.replace(id, new Reprediction("m@2", "b", 0.7, probs, null))).isTrue();
        assertThat(predictions.replace(id + 1000, new Reprediction("m@2", "b", 0.7, probs, null))).isFalse();

        ImageRecord now = images.find(id).orElseThrow();
        assertThat(now.modelId()).isEqualTo("m@2");
        assertThat(now.predictedClass()).isEqualTo("b");
        assertThat(now.probabilities()).containsKeys("a", "b", "c");
        assertThat(now.label()).isEqualTo("b");
        assertThat(now.status()).isEqualTo(Status.VALIDATED);
        assertThat(images.history(id)).hasSize(1);

        List<PastPrediction> h = predictions.history(id).orElseThrow();
        assertThat(h).extracting(PastPrediction::modelId).containsExactly("m@2", "m@1");
        assertThat(h.get(0).current()).isTrue();
        assertThat(h.get(0).margin()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(h.get(1).current()).isFalse();
        assertThat(h.get(1).predictedClass()).isEqualTo("a");
        assertThat(h.get(1).probability()).isEqualTo(0.9);
        assertThat(h.get(1).replacedAt()).isEqualTo(h.get(0).predictedAt());
        assertThat(predictions.history(id + 1000)).isEmpty();
        assertThat(predictions.page(0, 1000)).extracting(PredictionRepository.Stored::id).contains(id);

        assertThat(samples.delete(s.id())).isPresent(); // the history goes with its sample
        assertThat(predictions.history(id)).isEmpty();
    }
}
