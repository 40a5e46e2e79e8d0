package org.plankton.server.samples;

/** A sample as stored, with how many images it holds and what is known about it ({@link SampleMetadata#EMPTY} when nothing). */
public record Sample(long id, String name, String description, String created, long images, SampleMetadata metadata) {

    public Sample {
        metadata = metadata == null ? SampleMetadata.EMPTY : metadata;
    }
}
