/**
 * Taxonomic back-off: when the model is unsure which of several look-alike classes an image is, a
 * confident answer one level up (copepod rather than a guess between three calanoids) is more use
 * than an unsure class. {@link org.plankton.core.taxonomy.Taxonomy} gives each class a path of
 * ancestor groups, from a bundle's {@code taxonomy.csv} ({@link org.plankton.core.taxonomy.TaxonomyCsv})
 * or derived from NDSB-style class names ({@link org.plankton.core.taxonomy.NameTaxonomy}), and
 * {@link org.plankton.core.taxonomy.Taxonomy#backOff} walks from the top class up to the first node
 * holding enough probability.
 *
 * <p>{@link org.plankton.core.taxonomy.WormsTaxa} is separate: it names each NDSB class's taxon in
 * WoRMS (scientific name and AphiaID) for the EcoTaxa and Darwin Core exports.
 */
package org.plankton.core.taxonomy;
