package org.plankton.server.abundance;

import org.plankton.server.images.ClassCount;

/**
 * One class of a sample: its counts, the 95% bootstrap interval of the current count, the
 * concentration (null without a volume) and sizes (null without a pixel size or measured areas).
 */
public record ClassAbundance(ClassCount count, double countLow, double countHigh, Concentration concentration,
                             ClassSize size) {
}
