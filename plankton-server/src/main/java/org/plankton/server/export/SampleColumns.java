package org.plankton.server.export;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.plankton.server.samples.Sample;
import org.plankton.server.samples.SampleMetadata;

/**
 * The sample's metadata as EcoTaxa columns: the predefined per-object place and time
 * ({@code object_lat ... object_depth_max}; every object of a sample shares its sample's, which is
 * how EcoTaxa's own net-sample projects carry them) and the sample and acquisition columns. Unknown
 * values are empty cells, EcoTaxa's NULL. The date and time are the sample's as written, without
 * conversion to UTC, because EcoTaxa stores them without a zone.
 */
final class SampleColumns {

    static final List<String> OBJECT_HEADER = List.of("object_lat", "object_lon", "object_date", "object_time",
            "object_depth_min", "object_depth_max");
    static final List<String> OBJECT_TYPES = List.of("[f]", "[f]", "[t]", "[t]", "[f]", "[f]");
    /** Custom {@code sample_}/{@code acq_} columns are always text in EcoTaxa (ecotaxa-format.md section 4). */
    static final List<String> PARENT_HEADER = List.of("sample_id", "sample_volume_l", "acq_id", "acq_instrument",
            "acq_fraction", "acq_pixel_size_um");
    static final List<String> PARENT_TYPES = List.of("[t]", "[t]", "[t]", "[t]", "[t]", "[t]");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

    private SampleColumns() {
    }

    static List<String> objectCells(SampleMetadata m) {
        LocalDate date = m.date();
        LocalDateTime time = m.localDateTime();
        return List.of(number(m.latitude()), number(m.longitude()), date == null ? "" : DATE.format(date),
                time == null ? "" : TIME.format(time), number(m.depthMinM()), number(m.depthMaxM()));
    }

    static List<String> parentCells(Sample s) {
        SampleMetadata m = s.metadata();
        return List.of(EcoTaxaExport.sampleId(s), number(m.volumeL()), acqId(s),
                m.instrument() == null ? "" : m.instrument(), number(m.fraction()), number(m.pixelSizeUm()));
    }

    /** One acquisition per sample: the sample's images were all imaged the same way. */
    static String acqId(Sample s) {
        return "acq_" + EcoTaxaExport.sampleId(s);
    }

    /** Locale-independent, shortest exact form; empty for unknown. */
    static String number(Double v) {
        if (v == null) {
            return "";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString(v.longValue()) : Double.toString(v)
                .toLowerCase(Locale.ROOT);
    }
}
