/**
 * From uploaded bytes to stored, classified images: content sniffing, hashing, de-duplication,
 * batched classification, per-image errors.
 */
package org.plankton.server.ingest;
