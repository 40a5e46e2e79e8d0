/**
 * Image files on disk, addressed by the SHA-256 of their content. Uploaded file names never
 * become paths: they are only a database column.
 */
package org.plankton.server.storage;
