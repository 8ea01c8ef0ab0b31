package se.accounts.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import se.accounts.model.Attribute;
import se.accounts.model.Booleans;
import se.accounts.model.Entity;
import se.accounts.model.Errors;
import se.accounts.model.Operator;
import se.accounts.model.Parsed;

/**
 * Stage two of a list request: resolves a {@link ParsedListRequest} against an entity's metamodel. Unknown fields
 * and operators, values of the wrong type and bad order keys are all reported at once, each under its parameter.
 */
public final class ListPlanner {
    /**
     * An {@code in} list is one array value, so its length is not part of the statement shape; the bound limits
     * the work of one request (items parsed, bound and compared) and is far above what an integration sends. An
     * 8 KiB request line holds about 200 ids anyway, so only lists of short values (numbers, codes) come near it.
     */
    static final int MAX_LIST_ITEMS = 1_000;
    /**
     * Each number of search words is a statement shape of its own, compiled and cached once
     * (query/ListStatements): the bound keeps what a client can make the cache hold small.
     */
    static final int MAX_SEARCH_TERMS = 10;

    private static final String ID = Entity.ID;
    private static final String DEFAULT_ORDER_FIELD = Entity.CREATED_AT;

    private ListPlanner() {
    }

    public static ListPlan plan(ParsedListRequest request, Entity entity) {
        Errors errors = new Errors();
        List<Filter> filters = new ArrayList<>();
        for (FilterTerm term : request.filters()) {
            filter(term, entity, errors).ifPresent(filters::add);
        }
        List<OrderKey> order = order(request.orderBy(), entity, errors);
        if (request.searchTerms().size() > MAX_SEARCH_TERMS) {
            errors.add(ListRequestParser.SEARCH, "At most " + MAX_SEARCH_TERMS + " words; got "
                    + request.searchTerms().size() + ".");
        }
        if (!request.searchTerms().isEmpty() && entity.searchAttributes().isEmpty()) {
            errors.add(ListRequestParser.SEARCH, "The " + entity.plural() + " list has no search fields; use filters.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
        return new ListPlan(entity, filters, request.searchTerms(), order, request.page(), request.slim(),
                request.statistics(), request.jsonl());
    }

    private static Optional<Filter> filter(FilterTerm term, Entity entity, Errors errors) {
        Optional<Attribute> found = entity.attribute(term.field());
        if (found.isEmpty()) {
            String suggestion = Suggestions.closest(term.field(), filterableNames(entity))
                    .map(field -> " Did you mean '" + term.parameter().replaceFirst(
                            java.util.regex.Pattern.quote(term.field()), field) + "'?")
                    .orElse("");
            errors.add(term.parameter(), "Unknown filter: " + entity.singular() + " has no field '"
                    + term.field() + "'." + suggestion);
            return Optional.empty();
        }
        Attribute attribute = found.get();
        if (!attribute.isFilterable()) {
            errors.add(term.parameter(), "The field '" + attribute.name() + "' cannot be filtered.");
            return Optional.empty();
        }
        Set<Operator> offered = attribute.type().operators();
        Optional<Operator> operator = term.operatorSuffix() == null ? Optional.of(Operator.EXACT)
                : Operator.fromSuffix(term.operatorSuffix()).filter(offered::contains);
        if (operator.isEmpty()) {
            List<String> suffixes = offered.stream().filter(o -> o != Operator.EXACT).map(Operator::suffix)
                    .toList();
            errors.add(term.parameter(), "Unknown operator '" + term.operatorSuffix() + "' for '"
                    + attribute.name() + "'." + Suggestions.didYouMean(term.operatorSuffix(), suffixes)
                    + (suffixes.isEmpty() ? " This field takes only exact matches."
                            : " Operators: " + String.join(", ", suffixes) + "."));
            return Optional.empty();
        }
        return values(term, attribute, operator.get(), errors)
                .map(values -> new Filter(attribute, operator.get(), term.negated(), values));
    }

    private static Optional<List<Object>> values(FilterTerm term, Attribute attribute, Operator operator,
                                                 Errors errors) {
        String text = term.value();
        if (operator == Operator.ISNULL) {
            Optional<Boolean> flag = Booleans.parse(text);
            if (flag.isEmpty()) {
                errors.add(term.parameter(), Booleans.EXPECTED + "; got '" + text + "'.");
                return Optional.empty();
            }
            return Optional.of(List.of(flag.get()));
        }
        if (attribute.type().takesList(operator)) {
            List<String> items;
            try {
                items = FilterValues.splitList(text);
            } catch (IllegalArgumentException malformed) {
                errors.add(term.parameter(), malformed.getMessage()
                        + " Write items with a comma or quote in double quotes, a quote inside as \"\".");
                return Optional.empty();
            }
            if (items.size() > MAX_LIST_ITEMS) {
                errors.add(term.parameter(), "At most " + MAX_LIST_ITEMS + " items; got " + items.size()
                        + ". Split the request, or filter on another field.");
                return Optional.empty();
            }
            List<Object> parsed = new ArrayList<>(items.size());
            boolean valid = true;
            for (String item : items) {
                Parsed value = attribute.type().parse(attribute, operator, item);
                if (value.failed()) {
                    errors.add(term.parameter(), value.error());
                    valid = false;
                } else {
                    parsed.add(value.value());
                }
            }
            return valid ? Optional.of(parsed) : Optional.empty();
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Parsed value = attribute.type().parse(attribute, operator, text);
        if (value.failed()) {
            errors.add(term.parameter(), value.error());
            return Optional.empty();
        }
        return Optional.of(List.of(value.value()));
    }

    private static List<OrderKey> order(List<String> items, Entity entity, Errors errors) {
        if (items.isEmpty()) {
            return List.of(new OrderKey(entity.require(DEFAULT_ORDER_FIELD), true),
                    new OrderKey(entity.require(ID), false));
        }
        List<OrderKey> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String item : items) {
            boolean descending = item.startsWith("-");
            String name = descending ? item.substring(1).trim() : item;
            if (name.isEmpty()) {
                errors.add(ListRequestParser.ORDER_BY, "Empty field name in the list; write fields separated"
                        + " by commas, '-' before a field for descending order.");
                continue;
            }
            List<Attribute> orderableAttributes = entity.orderableAttributes();
            Optional<Attribute> attribute = entity.attribute(name).filter(orderableAttributes::contains);
            if (attribute.isEmpty()) {
                List<String> orderable = orderableAttributes.stream().map(Attribute::name).toList();
                errors.add(ListRequestParser.ORDER_BY, "'" + name + "' is not an orderable field of "
                        + entity.singular() + "." + Suggestions.didYouMean(name, orderable) + " Orderable fields: "
                        + String.join(", ", orderable) + ".");
                continue;
            }
            if (!seen.add(name)) {
                errors.add(ListRequestParser.ORDER_BY, "'" + name + "' is named more than once.");
                continue;
            }
            keys.add(new OrderKey(attribute.get(), descending));
        }
        if (!seen.contains(ID)) {
            keys.add(new OrderKey(entity.require(ID), false));
        }
        return keys;
    }

    private static List<String> filterableNames(Entity entity) {
        return entity.attributes().stream().filter(Attribute::isFilterable).map(Attribute::name).toList();
    }

}
