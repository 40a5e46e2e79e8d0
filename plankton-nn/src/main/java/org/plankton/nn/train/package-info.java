/**
 * The training loop, on whatever engine the process runs ({@link org.plankton.nn.engine}): the
 * data of a run ({@link org.plankton.nn.train.TrainingData}: decoded images in memory, the split,
 * pseudo-labels), augmented batches prepared on background threads
 * ({@link org.plankton.nn.train.BatchPipeline}), the epochs within a budget with a learning-rate
 * schedule ({@link org.plankton.nn.train.EpochLoop}), validation each epoch, checkpoints for
 * {@code --resume}, fine-tuning ({@link org.plankton.nn.train.WarmStart}), and the best model on
 * validation written as a bundle ({@link org.plankton.nn.train.BundleOutput}).
 */
package org.plankton.nn.train;
