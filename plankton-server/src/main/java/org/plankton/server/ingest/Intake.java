package org.plankton.server.ingest;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.plankton.core.features.SizeFeatures;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecodeException;
import org.plankton.core.image.ImageDecoder;
import org.plankton.core.image.ImageFormat;
import org.plankton.core.image.NotAnImage;
import org.plankton.server.images.ImageRepository;
import org.plankton.server.images.NewImage;
import org.plankton.server.inference.ModelService;
import org.plankton.server.inference.Prediction;
import org.plankton.server.samples.SampleRepository;
import org.plankton.server.storage.ImageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns uploads into predictions and stored images.
 *
 * <p>Sample deletion lives here too because it must not race an upload of the same content into
 * another sample: the upload writes the file then inserts its row, the deletion removes rows then
 * files nobody references. A read-write lock (uploads share, deletions exclude) keeps a deletion
 * from removing a file between another upload's write and insert.
 */
public final class Intake {

    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

    private final ModelService model;
    private final ImageStore store;
    private final ImageRepository images;
    private final SampleRepository samples;
    private final ImageDecoder decoder = new ImageDecoder();
    private final ReentrantReadWriteLock contentLock = new ReentrantReadWriteLock();

    public Intake(ModelService model, ImageStore store, ImageRepository images, SampleRepository samples) {
        this.model = model;
        this.store = store;
        this.images = images;
        this.samples = samples;
    }

    private record Decoded(Upload upload, String sha256, ImageFormat format, GrayImage image, String error) {
    }

    /** Classifies every upload; nothing is stored. */
    public List<Outcome> classify(List<Upload> uploads) throws InterruptedException {
        List<Decoded> decoded = uploads.stream().map(this::decode).toList();
        List<Prediction> predictions = predictReadable(decoded);
        List<Outcome> out = new ArrayList<>();
        int k = 0;
        for (Decoded d : decoded) {
            if (d.error() != null) {
                out.add(Outcome.error(d.upload().name(), d.sha256(), d.error()));
            } else {
                out.add(classified(d, "classified", null, predictions.get(k++)));
            }
        }
        return out;
    }

    /**
     * Adds uploads to a sample: content already in the sample is reported as a duplicate (and not
     * classified again), unreadable files as errors, the rest classified, stored and recorded.
     */
    public List<Outcome> addToSample(long sampleId, List<Upload> uploads) throws InterruptedException, SQLException,
            IOException {
        List<Decoded> decoded = new ArrayList<>();
        Outcome[] out = new Outcome[uploads.size()];
        List<Integer> toClassify = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            Decoded d = decode(uploads.get(i));
            decoded.add(d);
            if (d.error() != null) {
                out[i] = Outcome.error(d.upload().name(), d.sha256(), d.error());
                continue;
            }
            Optional<Long> existing = images.findId(sampleId, d.sha256());
            if (existing.isPresent()) {
                out[i] = classified(d, "duplicate", existing.get(), null);
            } else {
                toClassify.add(i);
            }
        }
        List<GrayImage> batch = toClassify.stream().map(i -> decoded.get(i).image()).toList();
        List<Prediction> predictions = batch.isEmpty() ? List.of() : model.predict(batch);
        for (int k = 0; k < toClassify.size(); k++) {
            int i = toClassify.get(k);
            out[i] = store(sampleId, decoded.get(i), predictions.get(k));
        }
        return Arrays.asList(out);
    }

    private Outcome store(long sampleId, Decoded d, Prediction p) throws SQLException, IOException {
        contentLock.readLock().lock();
        try {
            store.put(d.sha256(), d.upload().data());
            ImageRepository.Inserted ins = images.insert(new NewImage(sampleId, d.sha256(), d.upload().name(),
                    d.format().name(), d.upload().data().length, d.image().width(), d.image().height(), p.modelId(),
                    p.topClass(), p.topProbability(), p.asMap(), p.trust(),
                    (double) SizeFeatures.area(d.image(), model.darkObjects())));
            // A concurrent upload of the same content may have won the race; it is then a duplicate.
            return ins.duplicate() ? classified(d, "duplicate", ins.id(), null) : classified(d, "created", ins.id(), p);
        } finally {
            contentLock.readLock().unlock();
        }
    }

    /** Deletes a sample and the files no other sample uses; false when there is no such sample. */
    public boolean deleteSample(long sampleId) throws SQLException {
        contentLock.writeLock().lock();
        try {
            Optional<List<String>> orphans = samples.delete(sampleId);
            if (orphans.isEmpty()) {
                return false;
            }
            for (String sha : orphans.get()) {
                try {
                    if (!images.contentInUse(sha)) {
                        store.delete(sha);
                    }
                } catch (IOException e) {
                    LOG.warn("could not delete image file {}: {}", sha, e.getMessage()); // harmless leftover
                }
            }
            return true;
        } finally {
            contentLock.writeLock().unlock();
        }
    }

    private List<Prediction> predictReadable(List<Decoded> decoded) throws InterruptedException {
        List<GrayImage> readable = decoded.stream().filter(d -> d.error() == null).map(Decoded::image).toList();
        return readable.isEmpty() ? List.of() : model.predict(readable);
    }

    private Decoded decode(Upload u) {
        String sha = org.plankton.server.storage.ContentHash.of(u.data());
        // the same test by content as classify's folder walk and Spark, with the same words
        Optional<ImageFormat> format = ImageFormat.sniff(u.data());
        if (format.isEmpty()) {
            return new Decoded(u, sha, null, null, NotAnImage.reason(u.data()));
        }
        try {
            return new Decoded(u, sha, format.get(), decoder.decode(u.data(), u.name()), null);
        } catch (ImageDecodeException e) {
            return new Decoded(u, sha, format.get(), null, e.reason());
        } catch (RuntimeException e) {
            return new Decoded(u, sha, format.get(), null, "unreadable image: " + e.getMessage());
        }
    }

    private static Outcome classified(Decoded d, String state, Long imageId, Prediction p) {
        return new Outcome(d.upload().name(), state, d.sha256(), d.format().name().toLowerCase(java.util.Locale.ROOT),
                d.image().width(), d.image().height(), imageId, p, null);
    }
}
