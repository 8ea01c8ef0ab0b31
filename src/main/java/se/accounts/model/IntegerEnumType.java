package se.accounts.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Collectors;
import se.accounts.json.Json;

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
        if (node.isIntegralNumber()) {
            return Parsed.error("\"" + node.asText() + "\" is not a valid choice. Valid choices: "
                    + choices(attribute) + ".");
        }
        // Not the value's text: 1.0 and "1" would read "1", a valid choice, in the message that refuses them.
        return Parsed.error("Must be a whole number, one of " + choices(attribute) + "; got " + (node.isNumber() ? "a number with a decimal point or exponent"
                : Json.kindOf(node)) + ".");
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
