/**
 * The one loaded model: identity (which bundle, which weights), and a batching queue in front of
 * the non-thread-safe {@code Classifier} so concurrent requests share network passes, and the
 * trust fields of each prediction ({@code Trust}: out-of-domain score, back-off group, prediction
 * set, reject option), computed as {@code classify --details} computes them.
 */
package org.plankton.server.inference;
