package org.plankton.server.export;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.plankton.core.taxonomy.WormsTaxa;
import org.plankton.core.taxonomy.WormsTaxon;
import org.plankton.server.abundance.ClassAbundance;
import org.plankton.server.images.ImageRepository;
import org.plankton.server.samples.Sample;
import org.plankton.server.samples.SampleMetadata;

/**
 * A sample as a Darwin Core Archive for OBIS and GBIF: {@code event.txt} (Event core, one row:
 * the sample), {@code occurrence.txt} (Occurrence extension, one row per class present),
 * {@code meta.xml} mapping columns to Darwin Core term URIs (Darwin Core text guide) and a minimal
 * {@code eml.xml}. Tab separated, UTF-8, no quoting (values are cleared of tabs and newlines).
 *
 * <p>Choices: {@code sampleSizeValue} is the imaged volume (volume times fraction) in litres,
 * because that is the water the counts were made in, so {@code individualCount / sampleSizeValue}
 * is the concentration; {@code organismQuantity} is that per cubic metre. Classes that are not
 * organisms (artifacts, detritus, fecal pellets, unknowns, the reject option's "unclassified")
 * are left out: an occurrence claims an organism. A class with no scientific name in the WoRMS
 * mapping goes in as {@code Biota} (AphiaID 1), its class in {@code verbatimIdentification}.
 * A class is {@code validated} when a person reviewed every one of its images, else
 * {@code predicted}. The AphiaIDs come from {@link WormsTaxa}: check them before publishing.
 */
public final class DarwinCoreArchive {

    static final String DWC = "http://rs.tdwg.org/dwc/terms/";
    static final List<String> EVENT_TERMS = List.of("eventID", "eventDate", "decimalLatitude", "decimalLongitude",
            "geodeticDatum", "minimumDepthInMeters", "maximumDepthInMeters", "sampleSizeValue", "sampleSizeUnit",
            "samplingProtocol");
    static final List<String> OCCURRENCE_TERMS = List.of("eventID", "occurrenceID", "scientificName",
            "scientificNameID", "taxonRank", "verbatimIdentification", "individualCount", "organismQuantity",
            "organismQuantityType", "basisOfRecord", "identificationVerificationStatus", "occurrenceStatus");
    static final String BIOTA = "Biota";
    static final String BIOTA_ID = "urn:lsid:marinespecies.org:taxname:1";

    private DarwinCoreArchive() {
    }

    /** The zip's file name. */
    public static String fileName(Sample s) {
        return "dwca_" + EcoTaxaExport.sampleId(s) + ".zip";
    }

    public static void write(Sample sample, List<ClassAbundance> classes, WormsTaxa taxa, OutputStream out)
            throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        entry(zip, "meta.xml", metaXml());
        entry(zip, "eml.xml", emlXml(sample));
        entry(zip, "event.txt", table(EVENT_TERMS, List.of(eventRow(sample))));
        List<List<String>> occurrences = new ArrayList<>();
        for (ClassAbundance c : classes) {
            occurrenceRow(sample, c, taxa).ifPresent(occurrences::add);
        }
        entry(zip, "occurrence.txt", table(OCCURRENCE_TERMS, occurrences));
        zip.finish();
        zip.flush();
    }

    static List<String> eventRow(Sample s) {
        SampleMetadata m = s.metadata();
        Double volume = m.imagedVolumeL();
        boolean located = m.latitude() != null && m.longitude() != null;
        return List.of(EcoTaxaExport.sampleId(s), nz(m.datetime()), SampleColumns.number(m.latitude()),
                SampleColumns.number(m.longitude()), located ? "EPSG:4326" : "", SampleColumns.number(m.depthMinM()),
                SampleColumns.number(m.depthMaxM()), SampleColumns.number(volume), volume == null ? "" : "litre",
                nz(m.instrument()));
    }

    /** Empty for a class that is not an organism, or that nothing in the sample is any more. */
    static Optional<List<String>> occurrenceRow(Sample s, ClassAbundance c, WormsTaxa taxa) {
        String label = c.count().label();
        if (c.count().current() == 0 || label.equals(ImageRepository.UNCLASSIFIED)) {
            return Optional.empty();
        }
        Optional<WormsTaxon> taxon = taxa.of(label);
        if (taxon.isEmpty()) {
            // a reviewer's label may itself be a taxon name of the mapping ("Copepoda")
            taxon = taxa.all().stream().filter(t -> t.scientificName().equalsIgnoreCase(label)).findFirst();
        }
        if (taxon.isPresent() && !taxon.get().isOrganism()) {
            return Optional.empty();
        }
        boolean named = taxon.isPresent() && !taxon.get().scientificName().isEmpty();
        String name = named ? taxon.get().scientificName() : BIOTA;
        String id = named ? nz(taxon.get().lsid()) : BIOTA_ID;
        String rank = named ? taxon.get().rank() : "";
        String eventId = EcoTaxaExport.sampleId(s);
        var k = c.concentration();
        return Optional.of(List.of(eventId, eventId + ":" + label.replaceAll("[^A-Za-z0-9_.-]+", "_"), name, id,
                rank, label, Long.toString(c.count().current()),
                k == null ? "" : significant(k.perM3()),
                k == null ? "" : "individuals per cubic metre", "MachineObservation",
                c.count().validated() == c.count().current() ? "validated" : "predicted", "present"));
    }

    static String metaXml() {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<archive xmlns=\"http://rs.tdwg.org/dwc/text/\" metadata=\"eml.xml\">\n");
        section(x, "core", DWC + "Event", "event.txt", "id", EVENT_TERMS);
        section(x, "extension", DWC + "Occurrence", "occurrence.txt", "coreid", OCCURRENCE_TERMS);
        return x.append("</archive>\n").toString();
    }

    private static void section(StringBuilder x, String tag, String rowType, String file, String idTag,
                                List<String> terms) {
        x.append("  <").append(tag).append(" encoding=\"UTF-8\" fieldsTerminatedBy=\"\\t\" linesTerminatedBy=\"\\n\"")
                .append(" fieldsEnclosedBy=\"\" ignoreHeaderLines=\"1\" rowType=\"").append(rowType).append("\">\n")
                .append("    <files><location>").append(file).append("</location></files>\n")
                .append("    <").append(idTag).append(" index=\"0\"/>\n");
        for (int i = 0; i < terms.size(); i++) {
            x.append("    <field index=\"").append(i).append("\" term=\"").append(DWC).append(terms.get(i))
                    .append("\"/>\n");
        }
        x.append("  </").append(tag).append(">\n");
    }

    static String emlXml(Sample s) {
        String title = xml("Plankton imaging sample " + s.name());
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<eml:eml xmlns:eml=\"eml://ecoinformatics.org/eml-2.1.1\" packageId=\""
                + xml(EcoTaxaExport.sampleId(s)) + "\" system=\"plankton\" scope=\"system\" xml:lang=\"en\">\n"
                + "  <dataset>\n"
                + "    <title>" + title + "</title>\n"
                + "    <creator><organizationName>plankton server</organizationName></creator>\n"
                + "    <abstract><para>" + xml("Counts per class of one sample, classified by machine "
                + "(plankton) and partly reviewed by people. " + s.description()) + "</para></abstract>\n"
                + "    <contact><organizationName>plankton server</organizationName></contact>\n"
                + "  </dataset>\n"
                + "</eml:eml>\n";
    }

    private static String table(List<String> header, List<List<String>> rows) {
        StringBuilder t = new StringBuilder(String.join("\t", header)).append('\n');
        for (List<String> r : rows) {
            t.append(String.join("\t", r.stream().map(DarwinCoreArchive::cell).toList())).append('\n');
        }
        return t.toString();
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String cell(String v) {
        return v == null ? "" : v.replaceAll("[\\t\\r\\n]", " ").strip();
    }

    /** Six significant digits, plain notation, no trailing zeros: 8, 2.66667, 0.00133333. */
    static String significant(double v) {
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String nz(String v) {
        return v == null ? "" : v;
    }

    private static String xml(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
