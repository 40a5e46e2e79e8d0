package org.plankton.server.images;

/**
 * One entry of an image's review history. {@code label} is null for a reset (back to the
 * prediction); {@code undoes} is the id of the review an undo reversed, null otherwise.
 */
public record Annotation(long id, long imageId, String action, String label, String who, String created, Long undoes) {

    public Annotation(long id, long imageId, String action, String label, String who, String created) {
        this(id, imageId, action, label, who, created, null);
    }
}
