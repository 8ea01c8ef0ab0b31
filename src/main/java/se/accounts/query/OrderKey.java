package se.accounts.query;

import se.accounts.model.Attribute;

/** One key of the list order. */
public record OrderKey(Attribute attribute, boolean descending) {
}
