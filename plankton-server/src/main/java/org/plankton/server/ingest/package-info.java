/**
 * From uploaded bytes to stored, classified images: recognition by content (core's
 * {@link org.plankton.core.image.ImageFormat}, as for folders and Spark), hashing, de-duplication,
 * batched classification, per-image errors.
 */
package org.plankton.server.ingest;
