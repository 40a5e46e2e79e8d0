/**
 * Ensembles: weights for combining several models' probabilities, fitted on validation data as
 * in the 2015 recipe (softmax of free parameters, minimising log loss).
 */
package org.plankton.core.ensemble;
