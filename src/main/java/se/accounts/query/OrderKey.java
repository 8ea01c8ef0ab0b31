package se.accounts.query;

import se.accounts.resource.model.Attribute;

/** One key of the list order. */
public record OrderKey(Attribute attribute, boolean descending) {
}
