/**
 * The training loop: decoded images in memory, augmented batches prepared on background threads
 * ({@link org.plankton.nn.train.BatchPipeline}), Nesterov SGD or AdamW with a learning-rate
 * schedule, validation each epoch, checkpoints for {@code --resume}, and the best model on
 * validation written as a bundle.
 */
package org.plankton.nn.train;
