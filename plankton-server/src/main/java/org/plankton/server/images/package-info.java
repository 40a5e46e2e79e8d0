/**
 * Stored images of a sample, their predictions and their annotation history. A prediction is
 * written once and never changed; people's validations and corrections are appended as
 * annotations, and an image's current label and status are those of its latest annotation.
 */
package org.plankton.server.images;
