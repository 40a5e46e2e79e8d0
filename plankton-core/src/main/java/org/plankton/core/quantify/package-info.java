/**
 * Quantification: how many of each class a sample holds, as opposed to what each image is.
 * A classifier's probabilities lean towards the class mix it was trained on; when a sample's mix
 * differs (it always does: a bloom, another depth, another season), summing them biases the counts
 * towards the training mix. {@link org.plankton.core.quantify.PriorShift} re-estimates the sample's
 * mix.
 */
package org.plankton.core.quantify;
