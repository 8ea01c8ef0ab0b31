package se.accounts.query;

import java.util.List;
import java.util.Optional;

/** A list request with its reserved parameters typed and its filters split, before any entity is consulted. */
public record ParsedListRequest(
        Optional<Page> page,
        List<String> orderBy,
        List<String> searchTerms,
        boolean slim,
        boolean statistics,
        boolean jsonl,
        List<FilterTerm> filters) {

    /** {@code _page} (from 1) and {@code _page_size} (0 to 1000), always given together. */
    public record Page(int number, int size) {
        public long offset() {
            return (long) (number - 1) * size;
        }
    }
}
