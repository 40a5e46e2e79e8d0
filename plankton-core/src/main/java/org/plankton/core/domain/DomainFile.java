package org.plankton.core.domain;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code domain.json}: a {@link DomainModel} with its two tables (class means, principal
 * directions) as base64 little-endian float16, the rest as plain JSON numbers. For the 121-class,
 * 592-wide, rank-128 model of models/ndsb-v4 that is about 0.4 MB.
 */
public final class DomainFile {

    /** The file's name inside a bundle. */
    public static final String NAME = "domain.json";
    public static final int FORMAT_VERSION = 1;
    public static final String SCORE = "mahalanobis";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // an uncalibrated threshold is Infinity
            .build();

    /** The file as stored. */
    record Stored(int formatVersion, String score, int width, int rank, int classes, double threshold,
                  double inDomainPass, double residualVariance, double[] variances, String weightsSha256,
                  byte[] classMeansF16, byte[] directionsF16) {
    }

    private DomainFile() {
    }

    /** Writes {@code model} to {@code file} (not atomically: bundles write it inside their temporary copy). */
    public static void write(DomainModel model, Path file) throws IOException {
        Stored s = new Stored(FORMAT_VERSION, SCORE, model.width(), model.rank(), model.classes(), model.threshold(),
                model.inDomainPass(), model.residual(), model.variances(), model.weightsSha256(),
                Float16.pack(model.classMeans()), Float16.pack(model.directions()));
        Files.writeString(file, MAPPER.writeValueAsString(s) + "\n");
    }

    /**
     * {@code model} with its tables rounded to float16 as {@link #write} stores them: the threshold is
     * calibrated on this, so that the file lets exactly the intended share of held-out images pass.
     */
    public static DomainModel asStored(DomainModel model) {
        return new DomainModel(model.width(), Float16.round(model.classMeans()), Float16.round(model.directions()),
                model.variances(), model.residual(), model.threshold(), model.inDomainPass(), model.weightsSha256());
    }

    /** Reads a domain file; an IOException naming the file and what is wrong with it otherwise. */
    public static DomainModel read(Path file) throws IOException {
        Stored s;
        try {
            s = MAPPER.readValue(Files.readAllBytes(file), Stored.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no domain model (run `plankton fit-domain`)");
        } catch (IOException e) {
            throw new IOException("domain file " + file + " is damaged: " + firstLine(e.getMessage()), e);
        }
        if (s == null) {
            throw new IOException("domain file " + file + " is damaged: empty");
        }
        if (s.formatVersion() > FORMAT_VERSION) {
            throw new IOException("domain file " + file + " has format version " + s.formatVersion()
                    + ", newer than this plankton reads (" + FORMAT_VERSION + ")");
        }
        if (!SCORE.equals(s.score())) {
            throw new IOException("domain file " + file + " has score '" + s.score() + "', this plankton knows '" + SCORE + "'");
        }
        try {
            if (s.classMeansF16() == null || s.directionsF16() == null || s.variances() == null) {
                throw new IllegalArgumentException("tables missing");
            }
            return new DomainModel(s.width(), Float16.unpack(s.classMeansF16(), s.classes(), s.width()),
                    Float16.unpack(s.directionsF16(), s.rank(), s.width()), s.variances(), s.residualVariance(),
                    s.threshold(), s.inDomainPass(), s.weightsSha256());
        } catch (IllegalArgumentException e) {
            throw new IOException("domain file " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
