package se.accounts.http.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.FieldType;
import se.accounts.model.Operator;
import se.accounts.query.ListRequestParser;

/** The query parameters of an entity's list: the reserved ones, then every filter with every operator. */
final class ListParameters {
    private ListParameters() {
    }

    static void add(ArrayNode parameters, Entity entity) {
        reserved(parameters, ListRequestParser.PAGE, "integer", "Page number, from 1. Must be set together with"
                + " _page_size.").withObjectProperty("schema").put("minimum", 1);
        reserved(parameters, ListRequestParser.PAGE_SIZE, "integer", "Objects per page, 0 to " + ListRequestParser.MAX_PAGE_SIZE
                + " (0 returns [], useful with _statistics). Must be set together with _page. Without both,"
                + " every matching object is returned, streamed.").withObjectProperty("schema").put("minimum", 0)
                .put("maximum", ListRequestParser.MAX_PAGE_SIZE);
        List<String> orderable = entity.orderableAttributes().stream().map(Attribute::name).toList();
        reserved(parameters, ListRequestParser.ORDER_BY, "string", "Comma-separated fields, '-' before a field"
                + " for descending order; id is appended to make the order total. Default: -created_at. Orderable: "
                + String.join(", ", orderable) + ".").put("example", "-created_at");
        if (!entity.searchAttributes().isEmpty()) {
            reserved(parameters, ListRequestParser.SEARCH, "string", "Free text: every whitespace-separated term"
                    + " must match (case-insensitive substring) one of: " + String.join(", ",
                    entity.searchAttributes().stream().map(Attribute::name).toList()) + ".").put("example", "ann");
        }
        reserved(parameters, ListRequestParser.SLIM, "boolean", "true: each object carries only "
                + String.join(", ", entity.slimAttributes().stream().map(Attribute::name).toList()) + ".");
        reserved(parameters, ListRequestParser.STATISTICS, "boolean", "true: X-Total-Count (and when paging"
                + " X-Page-Count and Link) headers; the body is unchanged.");
        reserved(parameters, ListRequestParser.JSONL, "boolean", "true: JSON Lines (application/jsonl), one"
                + " object per line, streamed.");
        for (Attribute attribute : entity.attributes()) {
            if (!attribute.isFilterable()) {
                continue;
            }
            for (Operator operator : attribute.type().operators()) {
                filter(parameters, entity, attribute, operator, false);
            }
            filter(parameters, entity, attribute, Operator.EXACT, true);
        }
    }

    private static ObjectNode reserved(ArrayNode parameters, String name, String type, String description) {
        ObjectNode parameter = parameters.addObject().put("name", name).put("in", "query")
                .put("required", false).put("description", description);
        parameter.putObject("schema").put("type", type);
        return parameter;
    }

    /**
     * One filter parameter. Of the negated forms only the exact one ({@code first_name!}) is a parameter of its
     * own: with every operator negated the user list would take about 380 parameters, more than the 254 a Java
     * method can have, so a generated Java client would not compile; the others are described in prose.
     */
    private static void filter(ArrayNode parameters, Entity entity, Attribute attribute, Operator operator,
                               boolean negated) {
        String name = (operator == Operator.EXACT ? attribute.name() : attribute.name() + "__" + operator.suffix())
                + (negated ? "!" : "");
        ObjectNode parameter = parameters.addObject().put("name", name).put("in", "query").put("required", false);
        parameter.put("description", negated ? "Negation of the filter " + attribute.name() + ": exactly the"
                + " objects it does not return" + (attribute.type() == FieldType.TO_MANY ? "."
                : ", those where " + attribute.name() + " is null included.")
                : meaning(attribute, operator) + " " + Prose.NEGATION);
        if (operator == Operator.ISNULL) {
            parameter.putObject("schema").put("type", "boolean");
        } else if (attribute.type().takesList(operator)) {
            // Comma-separated, which OpenAPI calls an array in form style without explode.
            parameter.put("style", "form").put("explode", false);
            ObjectNode schema = parameter.putObject("schema").put("type", "array");
            schema.set("items", itemSchema(entity, attribute));
        } else {
            parameter.set("schema", itemSchema(entity, attribute));
        }
    }

    /** One filter value: the field's type without its write-time constraints; enums by their shared name. */
    private static ObjectNode itemSchema(Entity entity, Attribute attribute) {
        return attribute.type() == FieldType.INTEGER_ENUM ? FieldSchemas.valueSchema(entity, attribute)
                : attribute.type().filterSchema(attribute);
    }

    private static String meaning(Attribute attribute, Operator operator) {
        String field = attribute.type() == FieldType.TO_ONE ? "the id of " + attribute.name() : attribute.name();
        return switch (operator) {
            case EXACT -> attribute.type() == FieldType.TO_MANY
                    ? "Objects related to any of these comma-separated " + attribute.name() + " ids."
                    : "Exact match on " + field + (attribute.type() == FieldType.STRING ? " (case-sensitive)." : ".");
            case IEXACT -> "Case-insensitive exact match on " + field + ".";
            case CONTAINS -> field + " contains the value (case-sensitive; % _ \\ are literal).";
            case ICONTAINS -> field + " contains the value, ignoring case (% _ \\ are literal).";
            case STARTSWITH -> field + " starts with the value (case-sensitive).";
            case ISTARTSWITH -> field + " starts with the value, ignoring case.";
            case ENDSWITH -> field + " ends with the value (case-sensitive).";
            case IENDSWITH -> field + " ends with the value, ignoring case.";
            case GT -> field + " is greater than the value.";
            case GTE -> field + " is greater than or equal to the value.";
            case LT -> field + " is less than the value.";
            case LTE -> field + " is less than or equal to the value.";
            case IN -> field + " is one of the values. " + Prose.IN;
            case ISNULL -> "true: " + field + " is null; false: it is not.";
        };
    }
}
