package org.plankton.core.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes JPEG, PNG, GIF, BMP and TIFF files (and whatever else ImageIO has a reader for) into
 * 8-bit {@link GrayImage}s.
 *
 * <p>Why it is more than {@code ImageIO.read}:
 * <ul>
 *   <li>Image dimensions are read from the header and checked against {@link #maxPixels()}
 *       <em>before</em> any pixel memory is allocated, so a small file that claims to be
 *       20000x20000 (a decompression bomb, or just a damaged header) fails fast instead of taking
 *       the JVM down with it.</li>
 *   <li>The JDK JPEG decoder only <em>warns</em> about truncated or corrupt data and returns an
 *       image whose missing part is grey. Such warnings are turned into errors so that a half
 *       written file never silently becomes a training example.</li>
 *   <li>Readers throw all sorts of runtime exceptions on junk input; every failure becomes one
 *       checked {@link ImageDecodeException} with a short, human-readable reason.</li>
 *   <li>Conversion to gray handles 16-bit, alpha (composited over white), palettes and CMYK;
 *       see {@link GrayConverter}.</li>
 * </ul>
 * Only the first frame of multi-frame files (GIF, TIFF) is decoded.
 *
 * <p>Thread-safe: a decoder holds only its limit; every call uses its own ImageIO reader.
 */
public final class ImageDecoder {

    /** Default limit: 50 megapixels, far above any plankton instrument frame, far below a bomb. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    /**
     * Files up to this size are read into memory in one go (the common, fastest case). Larger ones
     * are read through a file-backed stream so a huge TIFF is not held twice in memory.
     */
    static final long IN_MEMORY_LIMIT = 64L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);

    private final long maxPixels;
    private final long inMemoryLimit;

    /** A decoder with the {@link #DEFAULT_MAX_PIXELS} limit. */
    public ImageDecoder() {
        this(DEFAULT_MAX_PIXELS);
    }

    /**
     * @param maxPixels largest accepted width x height; larger images are refused before decoding
     */
    public ImageDecoder(long maxPixels) {
        this(maxPixels, IN_MEMORY_LIMIT);
    }

    /** For tests of the streaming path, which real use only takes for files over 64 MiB. */
    ImageDecoder(long maxPixels, long inMemoryLimit) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
        this.inMemoryLimit = inMemoryLimit;
    }

    /** Largest accepted width x height. */
    public long maxPixels() {
        return maxPixels;
    }

    /**
     * Decodes an image file.
     *
     * @param file the image file; its path (as given) is the exception's {@code source}
     * @return the first frame as 8-bit gray
     * @throws ImageDecodeException if the file is missing, unreadable, empty, not an image, damaged
     *                              or larger than {@link #maxPixels()}
     */
    public GrayImage decode(Path file) throws ImageDecodeException {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        long size;
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            if (attrs.isDirectory()) {
                throw new ImageDecodeException(source, "cannot read file: it is a directory");
            }
            size = attrs.size();
        } catch (NoSuchFileException e) {
            throw new ImageDecodeException(source, "file not found", e);
        } catch (IOException e) {
            throw new ImageDecodeException(source, "cannot read file: " + describeIo(e), e);
        }
        if (size == 0) {
            throw new ImageDecodeException(source, "empty file (0 bytes)");
        }
        if (size <= inMemoryLimit) {
            byte[] data;
            try {
                data = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new ImageDecodeException(source, "file not found", e);
            } catch (IOException e) {
                throw new ImageDecodeException(source, "cannot read file: " + describeIo(e), e);
            }
            return decode(data, source);
        }
        ImageInputStream in;
        try {
            in = new FileImageInputStream(file.toFile());
        } catch (IOException | UnsupportedOperationException e) {
            throw new ImageDecodeException(source, "cannot read file: " + describe(e), e);
        }
        return decodeAndClose(in, source);
    }

    /**
     * Decodes an image held in memory (an upload, a database blob, a Spark binary file).
     *
     * @param data       the encoded image bytes; not modified
     * @param sourceName a name for messages, usually the original file name
     * @return the first frame as 8-bit gray
     * @throws ImageDecodeException if the data is empty, not an image, damaged or too large
     */
    public GrayImage decode(byte[] data, String sourceName) throws ImageDecodeException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(sourceName, "sourceName");
        if (data.length == 0) {
            throw new ImageDecodeException(sourceName, "empty file (0 bytes)");
        }
        return decodeAndClose(new ByteArrayImageInputStream(data), sourceName);
    }

    private GrayImage decodeAndClose(ImageInputStream in, String source) throws ImageDecodeException {
        try (in) {
            return decodeStream(in, source);
        } catch (IOException e) {
            // only close() can get here; the image is already decoded or the failure reported
            throw new ImageDecodeException(source, "cannot read file: " + describe(e), e);
        }
    }

    private GrayImage decodeStream(ImageInputStream in, String source) throws ImageDecodeException {
        ImageReader reader;
        try {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageDecodeException(source, "not a recognised image format");
            }
            reader = readers.next();
        } catch (RuntimeException e) {
            throw corrupt(source, e);
        }
        List<String> warnings = new ArrayList<>();
        try {
            // metadata is not ignored: some readers need it for transparency (PNG tRNS) and colour
            reader.setInput(in, true, false);
            reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if (w <= 0 || h <= 0) {
                throw new ImageDecodeException(source, "truncated or corrupt image data: invalid size " + w + "x" + h);
            }
            long pixels = (long) w * h;
            if (pixels > maxPixels) {
                throw new ImageDecodeException(source, "image too large: " + w + "x" + h + " = " + pixels
                        + " pixels exceeds limit of " + maxPixels);
            }
            BufferedImage img = reader.read(0, reader.getDefaultReadParam());
            checkWarnings(warnings, source);
            return GrayConverter.toGray(img);
        } catch (IOException | RuntimeException e) {
            throw corrupt(source, e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * The JDK JPEG decoder reports a truncated file ("Premature end of JPEG file") or damaged
     * entropy-coded data ("Corrupt JPEG data: ...") only as a warning and fills the rest with grey.
     * "extraneous bytes before marker" is exempt: many cameras write padding there and the pixels
     * are complete.
     */
    private static void checkWarnings(List<String> warnings, String source) throws ImageDecodeException {
        for (String warning : warnings) {
            String w = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
            boolean fatal = w.contains("premature end")
                    || (w.contains("corrupt") && !w.contains("extraneous bytes"));
            if (fatal) {
                throw new ImageDecodeException(source, "truncated or corrupt image data: " + warning);
            }
            LOG.debug("{}: image reader warning: {}", source, warning);
        }
    }

    private static ImageDecodeException corrupt(String source, Exception e) {
        return new ImageDecodeException(source, "truncated or corrupt image data: " + describe(e), e);
    }

    private static String describeIo(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return describe(e);
    }

    /** Message of the exception and of its first cause, naming the type where the message alone says little. */
    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(oneLine(e, e instanceof RuntimeException));
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            sb.append(" (").append(oneLine(cause, true)).append(')');
        }
        return sb.toString();
    }

    private static String oneLine(Throwable e, boolean withType) {
        String msg = e.getMessage();
        if (msg == null || msg.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return withType ? e.getClass().getSimpleName() + ": " + msg : msg;
    }
}
