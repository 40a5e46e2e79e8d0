/**
 * Where labelled images come from: class lists, folder-per-class and CSV-manifest datasets,
 * image-file discovery, stratified train/validation splits and cheap dataset fingerprints.
 *
 * <p>Everything here is deterministic across machines: file lists are sorted by path string,
 * class indices come from sorted class names, and splits use {@link java.util.Random}, whose
 * algorithm is specified by the JDK. Files are images by content, not by name
 * ({@link org.plankton.core.data.ImageFiles}); every entry that cannot be used is reported as a
 * {@link org.plankton.core.data.SkippedFile} with its kind (not an image, unreadable, hidden, own
 * output, unused), never dropped silently, and {@link org.plankton.core.data.SkipCounts} words the
 * counts the same way for every command.
 */
package org.plankton.core.data;
