package org.plankton.server.export;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecodeException;
import org.plankton.core.image.ImageDecoder;
import org.plankton.core.image.ImageFormat;
import org.plankton.core.taxonomy.WormsTaxa;
import org.plankton.core.taxonomy.WormsTaxon;
import org.plankton.server.images.ImageRecord;
import org.plankton.server.images.ImageStream;
import org.plankton.server.images.Status;
import org.plankton.server.samples.SampleRecord;
import org.plankton.server.storage.ImageStore;

/**
 * EcoTaxa import files, following shared/docs/ecotaxa-format.md section 12: UTF-8 with a BOM
 * (EcoTaxa decodes anything else as Latin-1), TAB separated, lowercase header, a {@code [t]/[f]}
 * type row, {@code img_file_name} relative to the TSV, one row per image.
 *
 * <p>Choices, with the doc's reasons: predictions go in as {@code predicted} (EcoTaxa then sets
 * the score to 1, so our score and model go in custom {@code object_plankton_*} columns);
 * people's reviews go in as {@code validated} with their date, time and
 * {@code object_annotation_person_name} (empty on predicted rows, which then need no person). A
 * reviewer's name that EcoTaxa cannot match to an account does not fail the import but stops it at
 * a question step where the user maps the name (section 7); issue 19 asked for the standard
 * column, and the reviewer also stays in {@code object_plankton_annotator}. The category is the
 * label's scientific name where the WoRMS mapping has one ({@link #category}), the label itself in
 * {@code object_plankton_label}. The sample's metadata fills {@code object_lat/lon/date/time/depth_*}
 * and the {@code sample_}/{@code acq_} columns ({@link SampleColumns}). Values are cut to
 * EcoTaxa's 250-character limit and cleared of tabs, newlines and quotes.
 *
 * <p>The trust fields go in as custom object columns named as in classify --details:
 * {@code object_ood_score}, {@code object_out_of_domain} and {@code object_accepted} as numbers
 * ({@code [f]}: EcoTaxa has no boolean type, so 1/0), {@code object_group_probability} too, and
 * {@code object_group} and {@code object_prediction_set} ({@code a|b}) as text. A value not
 * computed (no domain.json or conformal.json, or an image stored before) is empty, EcoTaxa's NULL.
 */
public final class EcoTaxaExport {

    /** Our columns before the sample's place and time ({@link SampleColumns#OBJECT_HEADER}). */
    static final List<String> HEAD = List.of("img_file_name", "img_rank", "object_id", "object_annotation_category",
            "object_annotation_status", "object_annotation_date", "object_annotation_time",
            "object_annotation_person_name");
    static final List<String> HEAD_TYPES = List.of("[t]", "[f]", "[t]", "[t]", "[t]", "[t]", "[t]", "[t]");
    /** Custom object columns, after the place and time; then the trust columns, then sample and acquisition. */
    static final List<String> CUSTOM = List.of("object_plankton_label", "object_plankton_score",
            "object_plankton_model", "object_plankton_predicted", "object_plankton_annotator",
            "object_plankton_original_name", "object_plankton_width_px", "object_plankton_height_px",
            "object_ood_score", "object_out_of_domain", "object_group", "object_group_probability",
            "object_prediction_set", "object_accepted");
    static final List<String> CUSTOM_TYPES = List.of("[t]", "[f]", "[t]", "[t]", "[t]", "[t]", "[f]", "[f]",
            "[f]", "[f]", "[t]", "[f]", "[t]", "[f]");
    static final List<String> HEADER = concat(HEAD, SampleColumns.OBJECT_HEADER, CUSTOM, SampleColumns.PARENT_HEADER);
    static final List<String> TYPES = concat(HEAD_TYPES, SampleColumns.OBJECT_TYPES, CUSTOM_TYPES,
            SampleColumns.PARENT_TYPES);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);

    private EcoTaxaExport() {
    }

    /** EcoTaxa wants IDs of [A-Za-z0-9_.-]; the sample's name becomes that, its database id keeps it unique. */
    public static String sampleId(SampleRecord s) {
        String clean = s.name().replaceAll("[^A-Za-z0-9_.-]+", "_");
        clean = clean.length() > 60 ? clean.substring(0, 60) : clean;
        return clean + "_" + s.id();
    }

    /** {@code ecotaxa_<sample id>.tsv}: EcoTaxa only looks at files whose name starts with lowercase "ecotaxa". */
    public static String tsvName(SampleRecord s) {
        return "ecotaxa_" + sampleId(s) + ".tsv";
    }

    static String objectId(SampleRecord s, ImageRecord i) {
        return sampleId(s) + "_" + i.id();
    }

    static String imageName(SampleRecord s, ImageRecord i) {
        ImageFormat f = ImageFormat.parse(i.format());
        return "images/" + objectId(s, i) + "." + (ecoTaxaReady(f) ? f.extension() : "png");
    }

    /** Formats EcoTaxa imports as they are; others are converted to PNG for it. */
    static boolean ecoTaxaReady(ImageFormat f) {
        return f == ImageFormat.JPEG || f == ImageFormat.PNG || f == ImageFormat.GIF;
    }

    public static void writeTsv(SampleRecord sample, ImageStream images, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        w.write(String.join("\t", HEADER) + "\n");
        w.write(String.join("\t", TYPES) + "\n");
        List<String> place = SampleColumns.objectCells(sample.metadata());
        List<String> parents = SampleColumns.parentCells(sample);
        images.forEach(i -> {
            boolean reviewed = i.status() != Status.PREDICTED; // validated, or dubious (a status of EcoTaxa's own)
            Instant when = reviewed ? Instant.parse(i.annotatedAt()) : null;
            List<String> row = new ArrayList<>(HEADER.size());
            row.addAll(List.of(imageName(sample, i), "0", objectId(sample, i), category(i.label()),
                    i.status().json(), reviewed ? DATE.format(when) : "",
                    reviewed ? TIME.format(when) : "", reviewed ? i.annotatedBy() : ""));
            row.addAll(place);
            row.addAll(List.of(i.label(), String.format(Locale.ROOT, "%.6f", i.predictedProb()), i.modelId(),
                    i.predictedClass(), reviewed ? i.annotatedBy() : "", i.originalName(),
                    Integer.toString(i.width()), Integer.toString(i.height())));
            row.addAll(TrustCells.of(i.trust(), "1", "0"));
            row.addAll(parents);
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < row.size(); k++) {
                line.append(k == 0 ? "" : "\t").append(clean(row.get(k)));
            }
            w.write(line.append('\n').toString());
        });
        w.flush();
    }

    /**
     * The importable archive: the TSV at the root and the images under {@code images/}. Streamed:
     * two passes over {@code images} (the TSV, then the files), one image in memory at a time.
     */
    public static void writeZip(SampleRecord sample, ImageStream images, ImageStore store, OutputStream out)
            throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry(tsvName(sample)));
        writeTsv(sample, images, zip); // flushes, never closes: the archive stays open
        zip.closeEntry();
        images.forEach(i -> {
            byte[] data = store.read(i.sha256());
            if (!ecoTaxaReady(ImageFormat.parse(i.format()))) {
                data = toPng(data, i);
            }
            zip.putNextEntry(new ZipEntry(imageName(sample, i)));
            zip.write(data);
            zip.closeEntry();
        });
        zip.finish();
        zip.flush();
    }

    /** EcoTaxa refuses TIFF and BMP; they go in as 8-bit gray PNG (our images are gray anyway). */
    private static byte[] toPng(byte[] data, ImageRecord i) throws IOException {
        try {
            GrayImage g = new ImageDecoder().decode(data, i.originalName());
            BufferedImage img = new BufferedImage(g.width(), g.height(), BufferedImage.TYPE_BYTE_GRAY);
            img.getRaster().setDataElements(0, 0, g.width(), g.height(), g.pixels());
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(img, "png", png);
            return png.toByteArray();
        } catch (ImageDecodeException e) {
            throw new IOException("stored image " + i.sha256() + " no longer decodes: " + e.reason(), e);
        }
    }

    /**
     * The EcoTaxa category of a label: the scientific name of the WoRMS mapping where the label is
     * an NDSB class with one (EcoTaxa resolves taxon names, not our morphotype names), else the
     * label itself; the label is kept in {@code object_plankton_label} either way.
     */
    static String category(String label) {
        return WormsTaxa.ndsb().of(label).map(WormsTaxon::scientificName).filter(n -> !n.isEmpty()).orElse(label);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return List.copyOf(all);
    }

    static String clean(String v) {
        String s = v == null ? "" : v.replaceAll("[\\t\\r\\n\"]", " ").strip();
        return s.length() > 250 ? s.substring(0, 250) : s;
    }
}
