/**
 * User-facing progress for long work (training epochs, classifying folders of images): done/total,
 * rate and time left, on the console. Logs go through SLF4J; this is for the person watching.
 */
package org.plankton.core.progress;
