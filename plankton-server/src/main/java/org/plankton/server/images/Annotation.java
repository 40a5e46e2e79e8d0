package org.plankton.server.images;

/** One entry of an image's review history. */
public record Annotation(long id, long imageId, String action, String label, String who, String created) {
}
