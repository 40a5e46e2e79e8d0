/**
 * Reading EcoTaxa exports as labelled training data ({@code plankton import-ecotaxa}), following
 * shared/docs/ecotaxa-format.md sections 1-4 and 13. {@link org.plankton.core.ecotaxa.EcoTaxaTsv}
 * parses the TSV files, {@link org.plankton.core.ecotaxa.ExportArchive} reads a zip or a folder
 * without unpacking it (so a hostile entry name never reaches the file system),
 * {@link org.plankton.core.ecotaxa.CategoryMapper} turns EcoTaxa categories into class folders and
 * {@link org.plankton.core.ecotaxa.EcoTaxaImporter} writes the training folder atomically.
 */
package org.plankton.core.ecotaxa;
