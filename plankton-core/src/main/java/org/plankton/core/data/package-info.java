/**
 * Where labelled images come from: class lists, folder-per-class and CSV-manifest datasets,
 * image-file discovery, stratified train/validation splits and cheap dataset fingerprints.
 *
 * <p>Everything here is deterministic across machines: file lists are sorted by path string,
 * class indices come from sorted class names, and splits use {@link java.util.Random}, whose
 * algorithm is specified by the JDK. Files that cannot be used are reported as
 * {@link org.plankton.core.data.SkippedFile}s, never dropped silently.
 */
package org.plankton.core.data;
