package org.plankton.server.images;

import java.util.List;

/** One page of a query, with the number of matching images across all pages. */
public record ImagePage(long total, int limit, int offset, List<ImageRecord> images) {
}
