package se.accounts.query;

/**
 * A filter parameter split into its parts, not yet checked against an entity:
 * {@code first_name__icontains!=ann} is field {@code first_name}, operator suffix {@code icontains}, negated.
 */
public record FilterTerm(String parameter, String field, String operatorSuffix, boolean negated, String value) {
}
