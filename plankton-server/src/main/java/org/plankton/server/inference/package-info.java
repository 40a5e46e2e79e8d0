/**
 * The one loaded model: identity (which bundle, which weights), and a batching queue in front of
 * the non-thread-safe {@code Classifier} so concurrent requests share network passes.
 */
package org.plankton.server.inference;
