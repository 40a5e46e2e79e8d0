/**
 * Turning image files into {@link org.plankton.core.image.GrayImage}s, and telling image files
 * from everything else by their first bytes ({@link org.plankton.core.image.ImageFormat}, the one
 * content sniffer that the CLI, the server and Spark share).
 *
 * <p>Everything that touches file formats lives here, so the rest of the system only ever sees
 * 8-bit grayscale pixels at the instrument's original size. Decoding is the one place where
 * untrusted bytes enter the system, which is why failures are a checked
 * {@link org.plankton.core.image.ImageDecodeException} with a human-readable reason, and why
 * image dimensions are checked before any pixel memory is allocated.
 */
package org.plankton.core.image;
