/**
 * Batch classification of very many image files on Apache Spark 3.5.
 *
 * <p>What belongs here: the Spark job ({@link org.plankton.spark.ClassifyJob}) and its
 * command-line entry point ({@link org.plankton.spark.SparkClassify}, run by {@code spark-submit}
 * or by {@code ./plankton spark-classify} in local mode), the executor-side pieces (one
 * {@link org.plankton.nn.infer.Classifier} per executor JVM, batched per partition), how the model
 * bundle travels to the executors, and how the output folder is replaced atomically.
 *
 * <p>Nothing here changes what a model computes: an image gets the same probabilities as from
 * {@code plankton classify} (same decoder, same deterministic preprocessing, same network), and the
 * same trust columns as {@code classify --details} ({@link org.plankton.spark.TrustFields}).
 * Spark stays out of the other modules: it is a {@code provided} dependency of this module only.
 */
package org.plankton.spark;
