/**
 * Out-of-domain detection on a trained network: fitting a bundle's domain model
 * ({@link org.plankton.core.domain.DomainModel}, stored as {@code domain.json}) on the penultimate
 * features of its own training split and calibrating its threshold on its validation split, and
 * reading it back for classification. The math is engine-neutral in org.plankton.core.domain.
 */
package org.plankton.nn.domain;
