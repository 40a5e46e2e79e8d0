package org.plankton.core.taxonomy;

/**
 * The answer of {@link Taxonomy#backOff}: the most specific node (a class or a group) whose
 * summed probability reached the threshold.
 *
 * @param name        the class name, a group name, or {@link Taxonomy#ROOT}
 * @param probability the summed probability of the classes under it
 * @param isClass     whether it is a class itself (no back-off was needed)
 */
public record GroupPrediction(String name, double probability, boolean isClass) {
}
