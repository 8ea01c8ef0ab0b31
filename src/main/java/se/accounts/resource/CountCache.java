package se.accounts.resource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Arrays;
import se.accounts.query.ListShape;

/**
 * Exact counts of {@code _statistics=true}, kept per customer, entity, filters and search (the order and the page
 * do not change a count) with the data version they were counted at. A count is served only after the version
 * read in the request's own transaction has been found equal, so it is exact after any write of any instance:
 * every writing statement raises the version in PostgreSQL (migrations V13_1, V16). Paging through a result counts
 * once.
 */
final class CountCache {
    private static final int MAX_COUNTS = 10_000;

    private final Cache<Key, Counted> counts = Caffeine.newBuilder().maximumSize(MAX_COUNTS)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    /**
     * The count's values start with the customer, so one customer's counts never serve another. They are compared
     * deeply: an {@code in} list is one array value, and arrays are equal only to themselves.
     */
    record Key(ListShape filters, Object[] values) {
        static Key of(ListShape shape, Object[] countValues) {
            return new Key(shape.counted(), countValues);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && filters.equals(key.filters) && Arrays.deepEquals(values, key.values);
        }

        @Override
        public int hashCode() {
            return 31 * filters.hashCode() + Arrays.deepHashCode(values);
        }
    }

    record Counted(long version, long count) {
    }

    /** The cached count of {@code key}; none for a null key, the key of a count that is never cached. */
    Counted get(Key key) {
        return key == null ? null : counts.getIfPresent(key);
    }

    void put(Key key, Counted counted) {
        if (key != null) {
            counts.put(key, counted);
        }
    }
}
