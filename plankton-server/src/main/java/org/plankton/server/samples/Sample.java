package org.plankton.server.samples;

/** A sample as stored, with how many images it holds. */
public record Sample(long id, String name, String description, String created, long images) {
}
