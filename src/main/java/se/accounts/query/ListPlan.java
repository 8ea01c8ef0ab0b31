package se.accounts.query;

import java.util.List;
import java.util.Optional;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;

/** Stage two of a list request: everything resolved against the entity and typed, ready to render as SQL. */
public record ListPlan(
        Entity entity,
        List<Filter> filters,
        List<String> searchTerms,
        List<OrderKey> order,
        Optional<ParsedListRequest.Page> page,
        boolean slim,
        boolean statistics,
        boolean jsonl) {

    /** The fields each returned object carries. */
    public List<Attribute> outputAttributes() {
        return slim ? entity.slimAttributes() : entity.attributes();
    }
}
