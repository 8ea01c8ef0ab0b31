package se.accounts.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.accounts.model.Booleans;
import se.accounts.model.Errors;

/**
 * Stage one of a list request: the query string's parameters into a {@link ParsedListRequest}. Checks what needs
 * no entity: repeated parameters, the reserved parameters' values and the shape of filter names.
 */
public final class ListRequestParser {
    public static final String PAGE = "_page";
    public static final String PAGE_SIZE = "_page_size";
    public static final String ORDER_BY = "_order_by";
    public static final String SEARCH = "_search";
    public static final String SLIM = "_slim";
    public static final String STATISTICS = "_statistics";
    public static final String JSONL = "_jsonl";
    public static final Set<String> RESERVED = Set.of(PAGE, PAGE_SIZE, ORDER_BY, SEARCH, SLIM, STATISTICS, JSONL);
    public static final int MAX_PAGE_SIZE = 1000;

    private static final String OPERATOR_SEPARATOR = "__";
    private static final String NEGATION = "!";
    /**
     * Whitespace as {@link String#strip()} sees it (Unicode spaces such as U+2003 too), the same that written text
     * is stripped of (model/TextType), so a value is found with the text it was stored as.
     */
    private static final String WHITESPACE = "\\p{javaWhitespace}+";

    private ListRequestParser() {
    }

    public static ParsedListRequest parse(List<QueryParameter> parameters) {
        Errors errors = new Errors();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (QueryParameter parameter : parameters) {
            if (parameter.name().indexOf('\0') >= 0 || parameter.value().indexOf('\0') >= 0) {
                errors.add(parameter.name().replace('\0', '?'), "Null characters are not allowed.");
                continue;
            }
            counts.merge(parameter.name(), 1, Integer::sum);
            values.putIfAbsent(parameter.name(), parameter.value());
        }
        counts.forEach((name, count) -> {
            if (count > 1) {
                errors.add(name, "This parameter was given " + count + " times; give it once.");
            }
        });

        Optional<ParsedListRequest.Page> page = page(values, errors);
        List<String> orderBy = orderBy(values.get(ORDER_BY));
        List<String> searchTerms = values.containsKey(SEARCH)
                ? Arrays.stream(values.get(SEARCH).strip().split(WHITESPACE)).filter(t -> !t.isEmpty()).toList()
                : List.of();
        boolean slim = flag(values, SLIM, errors);
        boolean statistics = flag(values, STATISTICS, errors);
        boolean jsonl = flag(values, JSONL, errors);

        List<FilterTerm> filters = new ArrayList<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String name = entry.getKey();
            if (RESERVED.contains(name)) {
                continue;
            }
            if (name.startsWith("_")) {
                errors.add(name, "Unknown parameter." + Suggestions.didYouMean(name, RESERVED)
                        + " Reserved parameters: " + String.join(", ", RESERVED.stream().sorted().toList()) + ".");
                continue;
            }
            filters.add(filterTerm(name, entry.getValue()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
        return new ParsedListRequest(page, orderBy, searchTerms, slim, statistics, jsonl, filters);
    }

    private static FilterTerm filterTerm(String name, String value) {
        boolean negated = name.endsWith(NEGATION);
        String withoutNegation = negated ? name.substring(0, name.length() - 1) : name;
        int separator = withoutNegation.indexOf(OPERATOR_SEPARATOR);
        String field = separator < 0 ? withoutNegation : withoutNegation.substring(0, separator);
        String suffix = separator < 0 ? null : withoutNegation.substring(separator + OPERATOR_SEPARATOR.length());
        return new FilterTerm(name, field, suffix, negated, value.strip());
    }

    private static Optional<ParsedListRequest.Page> page(Map<String, String> values, Errors errors) {
        boolean hasPage = values.containsKey(PAGE);
        boolean hasSize = values.containsKey(PAGE_SIZE);
        if (hasPage != hasSize) {
            String given = hasPage ? PAGE : PAGE_SIZE;
            String missing = hasPage ? PAGE_SIZE : PAGE;
            errors.add(given, "This value must be set together with the following fields: " + missing);
            return Optional.empty();
        }
        if (!hasPage) {
            return Optional.empty();
        }
        Optional<Integer> number = integer(values.get(PAGE), PAGE, 1, Integer.MAX_VALUE, errors);
        Optional<Integer> size = integer(values.get(PAGE_SIZE), PAGE_SIZE, 0, MAX_PAGE_SIZE, errors);
        if (number.isEmpty() || size.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ParsedListRequest.Page(number.get(), size.get()));
    }

    private static Optional<Integer> integer(String raw, String name, int min, int max, Errors errors) {
        String text = raw.trim();
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return Optional.of((int) value);
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the accepted range
        }
        errors.add(name, "Must be a whole number from " + min + " to " + max + "; got '" + text + "'.");
        return Optional.empty();
    }

    private static List<String> orderBy(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return Arrays.stream(raw.split(",", -1)).map(String::trim).toList();
    }

    private static boolean flag(Map<String, String> values, String name, Errors errors) {
        if (!values.containsKey(name)) {
            return false;
        }
        Optional<Boolean> value = Booleans.parse(values.get(name).trim());
        if (value.isEmpty()) {
            errors.add(name, Booleans.EXPECTED + "; got '" + values.get(name).trim() + "'.");
            return false;
        }
        return value.get();
    }
}
