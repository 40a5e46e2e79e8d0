package org.plankton.server.images;

/**
 * One image's current label (as the counts count it) and its object area in pixels (null when it
 * was stored before areas were measured): what concentration intervals and size summaries need,
 * without the probability vectors.
 */
public record LabelledArea(String label, Double areaPx) {
}
