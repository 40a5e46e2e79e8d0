package org.plankton.server.samples;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What a scientist knows about where and how a sample was taken: enough to turn counts into
 * concentrations (volume and imaged fraction), sizes (pixel size) and georeferenced records for
 * EcoTaxa and Darwin Core. Every field may be null (not known); the constructor refuses values
 * that cannot be right, so a stored sample never holds a negative volume or a latitude of 200.
 *
 * @param volumeL     litres of water the sample stands for, > 0
 * @param fraction    the part of that volume that was imaged, 0 < f <= 1 (a splitter's 1/8: 0.125)
 * @param datetime    when it was taken, ISO-8601: a date, a local date-time or one with an offset
 * @param latitude    decimal degrees, -90..90
 * @param longitude   decimal degrees, -180..180
 * @param depthMinM   metres, >= 0, <= depthMaxM
 * @param depthMaxM   metres, >= 0
 * @param instrument  free text (UVP5, ZooScan, ISIIS ...)
 * @param pixelSizeUm micrometres per pixel, > 0
 */
public record SampleMetadata(Double volumeL, Double fraction, String datetime, Double latitude, Double longitude,
                             Double depthMinM, Double depthMaxM, String instrument, Double pixelSizeUm) {

    /** The JSON and CSV names, in record order. */
    public static final List<String> FIELDS = List.of("volume_l", "fraction", "datetime", "latitude", "longitude",
            "depth_min_m", "depth_max_m", "instrument", "pixel_size_um");
    /** The fields that hold text; the others are numbers. */
    public static final List<String> TEXT_FIELDS = List.of("datetime", "instrument");
    public static final SampleMetadata EMPTY = new SampleMetadata(null, null, null, null, null, null, null, null, null);
    static final int MAX_TEXT = 200;

    public SampleMetadata {
        check(volumeL == null || (Double.isFinite(volumeL) && volumeL > 0), "volume_l", "must be > 0", volumeL);
        check(fraction == null || (fraction > 0 && fraction <= 1), "fraction", "must be > 0 and <= 1", fraction);
        check(latitude == null || (latitude >= -90 && latitude <= 90), "latitude", "must be within -90..90", latitude);
        check(longitude == null || (longitude >= -180 && longitude <= 180), "longitude", "must be within -180..180",
                longitude);
        check(depthMinM == null || (Double.isFinite(depthMinM) && depthMinM >= 0), "depth_min_m", "must be >= 0",
                depthMinM);
        check(depthMaxM == null || (Double.isFinite(depthMaxM) && depthMaxM >= 0), "depth_max_m", "must be >= 0",
                depthMaxM);
        check(depthMinM == null || depthMaxM == null || depthMinM <= depthMaxM, "depth_min_m",
                "must be <= depth_max_m (" + depthMaxM + ")", depthMinM);
        check(pixelSizeUm == null || (Double.isFinite(pixelSizeUm) && pixelSizeUm > 0), "pixel_size_um",
                "must be > 0", pixelSizeUm);
        datetime = blankToNull(datetime);
        instrument = blankToNull(instrument);
        check(datetime == null || isIsoDateTime(datetime), "datetime",
                "must be ISO-8601, e.g. 2024-05-01, 2024-05-01T10:30:00 or 2024-05-01T10:30:00Z", datetime);
        check(instrument == null || instrument.length() <= MAX_TEXT, "instrument",
                "must be at most " + MAX_TEXT + " characters", "(" + (instrument == null ? 0 : instrument.length()) + ")");
    }

    /**
     * A copy with one field replaced ({@code value}: a {@link Double} for number fields, a String
     * for text fields, or null to clear it); validated as a whole, so a PATCH that moves both
     * depths at once is judged on the result.
     */
    public SampleMetadata with(String field, Object value) {
        Double d = value instanceof Double x ? x : null;
        String s = value instanceof String x ? x : null;
        return switch (field) {
            case "volume_l" -> new SampleMetadata(d, fraction, datetime, latitude, longitude, depthMinM, depthMaxM,
                    instrument, pixelSizeUm);
            case "fraction" -> new SampleMetadata(volumeL, d, datetime, latitude, longitude, depthMinM, depthMaxM,
                    instrument, pixelSizeUm);
            case "datetime" -> new SampleMetadata(volumeL, fraction, s, latitude, longitude, depthMinM, depthMaxM,
                    instrument, pixelSizeUm);
            case "latitude" -> new SampleMetadata(volumeL, fraction, datetime, d, longitude, depthMinM, depthMaxM,
                    instrument, pixelSizeUm);
            case "longitude" -> new SampleMetadata(volumeL, fraction, datetime, latitude, d, depthMinM, depthMaxM,
                    instrument, pixelSizeUm);
            case "depth_min_m" -> new SampleMetadata(volumeL, fraction, datetime, latitude, longitude, d, depthMaxM,
                    instrument, pixelSizeUm);
            case "depth_max_m" -> new SampleMetadata(volumeL, fraction, datetime, latitude, longitude, depthMinM, d,
                    instrument, pixelSizeUm);
            case "instrument" -> new SampleMetadata(volumeL, fraction, datetime, latitude, longitude, depthMinM,
                    depthMaxM, s, pixelSizeUm);
            case "pixel_size_um" -> new SampleMetadata(volumeL, fraction, datetime, latitude, longitude, depthMinM,
                    depthMaxM, instrument, d);
            default -> throw new IllegalArgumentException("unknown sample metadata field '" + field + "'; known: "
                    + String.join(", ", FIELDS));
        };
    }

    /** A field's value by its JSON name (Double or String, or null), for views and exports. */
    public Object get(String field) {
        return switch (field) {
            case "volume_l" -> volumeL;
            case "fraction" -> fraction;
            case "datetime" -> datetime;
            case "latitude" -> latitude;
            case "longitude" -> longitude;
            case "depth_min_m" -> depthMinM;
            case "depth_max_m" -> depthMaxM;
            case "instrument" -> instrument;
            case "pixel_size_um" -> pixelSizeUm;
            default -> throw new IllegalArgumentException("unknown sample metadata field '" + field + "'");
        };
    }

    /**
     * Litres actually imaged: volume times fraction (a missing fraction counts as 1, everything
     * imaged); null without a volume, so no concentration is claimed from counts alone.
     */
    public Double imagedVolumeL() {
        return volumeL == null ? null : volumeL * (fraction == null ? 1.0 : fraction);
    }

    /** The date part of {@link #datetime}, or null. */
    public LocalDate date() {
        if (datetime == null) {
            return null;
        }
        return datetime.length() == 10 ? LocalDate.parse(datetime) : localDateTime().toLocalDate();
    }

    /** The local time as written (no zone conversion), or null when there is none or only a date. */
    public LocalDateTime localDateTime() {
        if (datetime == null || datetime.length() == 10) {
            return null;
        }
        try {
            return OffsetDateTime.parse(datetime).toLocalDateTime();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(datetime);
        }
    }

    static boolean isIsoDateTime(String s) {
        for (java.util.function.Consumer<String> parser : List.<java.util.function.Consumer<String>>of(
                LocalDate::parse, LocalDateTime::parse, OffsetDateTime::parse)) {
            try {
                parser.accept(s);
                return true;
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return false;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void check(boolean ok, String field, String rule, Object value) {
        if (!ok) {
            throw new InvalidMetadata(field, field + " " + rule + ", got " + value);
        }
    }

    /** A value that cannot be right; {@link #field} names the culprit for the API's error. */
    public static final class InvalidMetadata extends IllegalArgumentException {
        private final String field;

        InvalidMetadata(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
