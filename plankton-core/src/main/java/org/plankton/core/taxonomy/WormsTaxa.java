package org.plankton.core.taxonomy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plankton.core.data.Csv;

/**
 * Class name to WoRMS taxon, read from {@code ndsb-worms.csv} next to this class (see the README
 * there: the AphiaIDs need a check against marinespecies.org before publication). Exports use it
 * to write scientific names instead of morphotype names, which neither EcoTaxa nor OBIS know; a
 * class it does not list (another model's) simply has no taxon.
 */
public final class WormsTaxa {

    static final String RESOURCE = "ndsb-worms.csv";
    private static final List<String> HEADER = List.of("class", "scientific_name", "aphia_id", "rank", "parent_group");
    private static volatile WormsTaxa ndsb;

    private final Map<String, WormsTaxon> byClass;

    WormsTaxa(Map<String, WormsTaxon> byClass) {
        this.byClass = Map.copyOf(byClass);
    }

    /** The shipped NDSB mapping, read once. */
    public static WormsTaxa ndsb() {
        WormsTaxa t = ndsb;
        if (t == null) {
            try (InputStream in = WormsTaxa.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " missing from the class path");
                }
                t = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ndsb = t;
        }
        return t;
    }

    /** Reads the CSV; a wrong header or an id that is not a number is an error, naming the line. */
    public static WormsTaxa parse(String csv) {
        List<Csv.Row> rows = Csv.parse(csv);
        if (rows.isEmpty() || !rows.get(0).fields().equals(HEADER)) {
            throw new IllegalArgumentException("taxon mapping must start with the header " + String.join(",", HEADER));
        }
        Map<String, WormsTaxon> map = new LinkedHashMap<>();
        for (Csv.Row r : rows.subList(1, rows.size())) {
            if (r.isBlank()) {
                continue;
            }
            List<String> f = r.fields();
            if (f.size() != HEADER.size()) {
                throw new IllegalArgumentException("line " + r.line() + ": expected " + HEADER.size() + " fields");
            }
            Long id;
            try {
                id = f.get(2).isBlank() ? null : Long.valueOf(f.get(2).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + r.line() + ": aphia_id '" + f.get(2) + "' is not a number");
            }
            map.put(f.get(0), new WormsTaxon(f.get(0), f.get(1).strip(), id, f.get(3).strip(), f.get(4).strip()));
        }
        return new WormsTaxa(map);
    }

    public Optional<WormsTaxon> of(String className) {
        return Optional.ofNullable(byClass.get(className));
    }

    /** Whether {@code name} is one of the scientific names used (a reviewer may label with one). */
    public boolean isScientificName(String name) {
        return byClass.values().stream().anyMatch(t -> !t.scientificName().isEmpty()
                && t.scientificName().equalsIgnoreCase(name));
    }

    public Collection<WormsTaxon> all() {
        return byClass.values();
    }
}
