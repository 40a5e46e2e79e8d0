/**
 * Resuming a long classification from the rows its {@code FILE.csv.part} already holds.
 *
 * <p>A run records what it is ({@link org.plankton.core.resume.RunRecord}: model checksums,
 * inference settings, inputs, header) beside its {@code .part} before the first row, so that a
 * later {@code --resume} can refuse rows another model or other settings wrote.
 * {@link org.plankton.core.resume.ResumePoint} finds which listed images the part already holds
 * (cut back to whole network batches, so resumed rows are computed in the same batches as an
 * uninterrupted run's, and the file ends byte for byte the same), and
 * {@link org.plankton.core.resume.PartialRun} opens the writer fresh or in append mode, holding
 * an operating-system lock on the record while the run writes, so that two runs never write one
 * output.
 */
package org.plankton.core.resume;
