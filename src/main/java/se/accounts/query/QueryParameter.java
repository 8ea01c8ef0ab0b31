package se.accounts.query;

/** One {@code name=value} pair of a query string, decoded, in the order given. */
public record QueryParameter(String name, String value) {
}
