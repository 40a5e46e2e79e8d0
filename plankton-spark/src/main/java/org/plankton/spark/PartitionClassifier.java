package org.plankton.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.SerializableConfiguration;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecodeException;
import org.plankton.core.image.ImageDecoder;
import org.plankton.core.image.ImageFormat;
import org.plankton.core.image.NotAnImage;
import org.plankton.nn.infer.InferenceSettings;
import org.plankton.nn.infer.Scored;
import org.plankton.core.metrics.Argmax;

/**
 * Executor side: turns a partition of {@code (path, length)} rows from Spark's {@code binaryFile}
 * source into prediction rows ({@link PredictionSchema#PREDICTIONS}), a batch at a time, lazily,
 * so a partition of any size needs memory for one batch only.
 *
 * <p>The file's bytes are read here rather than by the {@code binaryFile} source (whose
 * {@code content} column is then never read), because a file the source cannot read (permission
 * denied, deleted since listing, larger than 2 GB) fails the whole task there. Here such a file,
 * like one that is not an image by content or does not decode, becomes a row with the reason in
 * {@code error}; it never fails the task. Anything else that goes wrong (model missing, native
 * engine failure) does fail the task, so that Spark retries it and, if it keeps failing, the job
 * stops without output.
 */
final class PartitionClassifier implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    /** Larger files are reported, not read: no plankton image is near this, a stray video might be. */
    static final long MAX_FILE_BYTES = 256L << 20;

    private final ModelSource model;
    private final InferenceSettings settings;
    private final int batchSize;
    private final int sampleLevel;
    private final Broadcast<SerializableConfiguration> hadoopConf;

    PartitionClassifier(ModelSource model, InferenceSettings settings, int batchSize, int sampleLevel,
                        Broadcast<SerializableConfiguration> hadoopConf) {
        this.model = model;
        this.settings = settings;
        this.batchSize = batchSize;
        this.sampleLevel = sampleLevel;
        this.hadoopConf = hadoopConf;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) throws Exception {
        if (!input.hasNext()) {
            return java.util.Collections.emptyIterator(); // an empty partition never loads the model
        }
        ExecutorModels.Shared shared = ExecutorModels.get(model, settings);
        List<String> classes = shared.classes();
        ImageDecoder decoder = new ImageDecoder();
        return new Iterator<>() {
            private Iterator<Row> batch = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!batch.hasNext() && input.hasNext()) {
                    batch = classify(nextBatch(input), shared, classes, decoder).iterator();
                }
                return batch.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.next();
            }
        };
    }

    private List<Row> nextBatch(Iterator<Row> input) {
        List<Row> rows = new ArrayList<>(batchSize);
        while (rows.size() < batchSize && input.hasNext()) {
            rows.add(input.next());
        }
        return rows;
    }

    private List<Row> classify(List<Row> rows, ExecutorModels.Shared shared, List<String> classes,
                               ImageDecoder decoder) {
        List<GrayImage> images = new ArrayList<>(rows.size());
        String[] errors = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            String path = rows.get(i).getString(0);
            try {
                images.add(decoder.decode(read(path, rows.get(i).getLong(1)), path));
            } catch (ImageDecodeException e) {
                errors[i] = e.reason();
            }
        }
        Scored scored = images.isEmpty() ? null : shared.predict(images);
        float[][] probs = scored == null ? new float[0][] : scored.probabilities();
        List<Row> out = new ArrayList<>(rows.size());
        int r = 0;
        for (int i = 0; i < rows.size(); i++) {
            String path = rows.get(i).getString(0);
            String sample = SampleId.of(path, sampleLevel);
            if (errors[i] != null) {
                out.add(PredictionSchema.error(path, sample, errors[i]));
                continue;
            }
            double ood = scored.oodScores() == null ? Double.NaN : scored.oodScores()[r];
            float[] p = probs[r++];
            int top = Argmax.of(p);
            TrustFields.Values t = shared.trust(p, ood);
            out.add(RowFactory.create(path, sample, classes.get(top), p[top], p, null, t.oodScore(), t.outOfDomain(),
                    t.group(), t.groupProbability(), t.predictionSet(), t.accepted()));
        }
        return out;
    }

    /**
     * The file's bytes if its first bytes say it is an image (the job takes every file, as
     * {@code classify} does, and decides by content); a file that is not one is refused after
     * reading only its header, so a stray video costs a few bytes, not its size.
     */
    private byte[] read(String path, long length) throws ImageDecodeException {
        Path p = new Path(path);
        byte[] head;
        try {
            FileSystem fs = p.getFileSystem(hadoopConf.value().value());
            try (FSDataInputStream in = fs.open(p)) {
                head = in.readNBytes(ImageFormat.HEADER_BYTES);
                if (ImageFormat.sniff(head).isEmpty()) {
                    throw new ImageDecodeException(path, NotAnImage.reason(head));
                }
                if (length > MAX_FILE_BYTES) {
                    throw new ImageDecodeException(path, "file too large to be an image (" + length + " bytes, limit "
                            + MAX_FILE_BYTES + ")");
                }
                byte[] rest = in.readAllBytes();
                byte[] all = Arrays.copyOf(head, head.length + rest.length);
                System.arraycopy(rest, 0, all, head.length, rest.length);
                return all;
            }
        } catch (IOException e) {
            throw new ImageDecodeException(path, "cannot read the file: " + e, e);
        }
    }
}
