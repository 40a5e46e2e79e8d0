/**
 * Result files in the field's formats: the probability CSV ({@code image,<class 1>,...,<class N>},
 * the NDSB submission layout) and its companion list of unreadable images, {@code evaluate}'s
 * labelled predictions in the same form ({@link org.plankton.core.output.ProbabilityCsv}).
 */
package org.plankton.core.output;
