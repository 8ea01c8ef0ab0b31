package se.accounts.resource;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Where a list is written. {@link #begin} is called once the query runs (and the count, when asked for, is known)
 * and before the first row, so the caller can still set the status and headers.
 */
@FunctionalInterface
public interface ListOutput {
    OutputStream begin(Optional<Long> totalCount) throws IOException;
}
