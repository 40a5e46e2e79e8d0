package org.plankton.server.samples;

/**
 * A sample as stored in the server's database (its row in {@code samples}), with how many images it
 * holds and what is known about it ({@link SampleMetadata#EMPTY} when nothing). Named apart from
 * {@code core.data.Sample}, a labelled training image, as {@code ImageRecord} is an image's row.
 */
public record SampleRecord(long id, String name, String description, String created, long images, SampleMetadata metadata) {

    public SampleRecord {
        metadata = metadata == null ? SampleMetadata.EMPTY : metadata;
    }
}
