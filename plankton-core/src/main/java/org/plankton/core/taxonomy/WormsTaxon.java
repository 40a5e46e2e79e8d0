package org.plankton.core.taxonomy;

/**
 * One class's place in the World Register of Marine Species, as the exports need it.
 *
 * @param className      the model's class
 * @param scientificName the most specific taxon the class supports; empty when none (non-living, unknown)
 * @param aphiaId        WoRMS AphiaID, or null where it was not known for sure (never guessed)
 * @param rank           the rank of {@code scientificName}; empty when unknown
 * @param parentGroup    a coarse group; {@value #NON_LIVING} and {@value #UNKNOWN} mark classes that are not organisms
 */
public record WormsTaxon(String className, String scientificName, Long aphiaId, String rank, String parentGroup) {

    public static final String NON_LIVING = "non-living";
    public static final String UNKNOWN = "unknown";

    /** Whether the class names an organism (and so belongs in an occurrence record). */
    public boolean isOrganism() {
        return !NON_LIVING.equals(parentGroup) && !UNKNOWN.equals(parentGroup);
    }

    /** {@code urn:lsid:marinespecies.org:taxname:<id>}, Darwin Core's scientificNameID; null without an id. */
    public String lsid() {
        return aphiaId == null ? null : "urn:lsid:marinespecies.org:taxname:" + aphiaId;
    }
}
