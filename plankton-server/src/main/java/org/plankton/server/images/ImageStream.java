package org.plankton.server.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;

/**
 * The images of one sample, in upload order, read again on each {@link #forEach} (an export may need
 * two passes: the CSV's columns are known only after seeing every image's classes). The database
 * version reads page by page, so an export's memory is one page whatever the sample's size.
 */
@FunctionalInterface
public interface ImageStream {

    /** What is done with each image; may write to the response. */
    @FunctionalInterface
    interface Visitor {
        void accept(ImageRecord image) throws IOException;
    }

    void forEach(Visitor visitor) throws IOException;

    /** The images of {@code sampleId} in {@code repository}, {@code pageSize} rows per query. */
    static ImageStream of(ImageRepository repository, long sampleId, int pageSize) {
        return v -> {
            long after = 0;
            while (true) {
                List<ImageRecord> page;
                try {
                    page = repository.page(sampleId, after, pageSize);
                } catch (SQLException e) {
                    throw new UncheckedIOException(new IOException("reading the images of sample " + sampleId
                            + " failed: " + e.getMessage(), e));
                }
                for (ImageRecord i : page) {
                    v.accept(i);
                    after = i.id();
                }
                if (page.size() < pageSize) {
                    return;
                }
            }
        };
    }
}
