package se.accounts.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Collectors;

/** An integer from the field's declared values; comparisons in filters take any integer. */
final class IntegerEnumType extends IntegerType {
    IntegerEnumType() {
        super("INTEGER_ENUM", Width.INT32);
    }

    @Override
    public Parsed read(Attribute attribute, JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToInt()
                && attribute.allowedValues().contains(node.intValue())) {
            return Parsed.ok(node.intValue());
        }
        return Parsed.error("\"" + node.asText() + "\" is not a valid choice. Valid choices: " + choices(attribute)
                + ".");
    }

    @Override
    public Parsed parse(Attribute attribute, Operator operator, String text) {
        Parsed parsed = super.parse(attribute, operator, text);
        if (parsed.failed() || operator.isComparison() || attribute.allowedValues().contains((Integer) parsed.value())) {
            return parsed;
        }
        return Parsed.error("'" + text + "' is not one of the allowed values: " + choices(attribute) + ".");
    }

    @Override
    public ObjectNode schema(Attribute attribute) {
        ObjectNode schema = object().put("type", "integer");
        ArrayNode values = schema.putArray("enum");
        attribute.allowedValues().forEach(values::add);
        return schema;
    }

    @Override
    public Object example(Attribute attribute) {
        return attribute.allowedValues().iterator().next();
    }

    private static String choices(Attribute attribute) {
        return attribute.allowedValues().stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
