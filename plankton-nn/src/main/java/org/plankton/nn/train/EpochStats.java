package org.plankton.nn.train;

/**
 * What one epoch did. Validation fields are NaN when there is no validation split.
 *
 * @param dataWaitShare share of the epoch's training time the network waited for batches
 */
public record EpochStats(int epoch, double trainLoss, double valLogLoss, double valAccuracy,
                         double imagesPerSecond, double seconds, double learningRate, double dataWaitShare) {
}
