package se.accounts.query;

import java.util.List;
import se.accounts.model.Attribute;
import se.accounts.model.Operator;

/**
 * A typed filter: {@code values} holds one value for single-valued operators, the items for {@code in} and
 * to-many filters (possibly none), and a Boolean for {@code isnull}.
 */
public record Filter(Attribute attribute, Operator operator, boolean negated, List<Object> values) {
    public Object value() {
        return values.get(0);
    }
}
