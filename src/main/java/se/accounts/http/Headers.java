package se.accounts.http;

/** Header names the service reads or writes besides the seven credential headers. */
final class Headers {
    static final String RETRY_AFTER = "Retry-After";
    static final String ETAG = "ETag";
    static final String IF_MATCH = "If-Match";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String TOTAL_COUNT = "X-Total-Count";
    static final String PAGE_COUNT = "X-Page-Count";
    static final String LINK = "Link";

    private Headers() {
    }
}
