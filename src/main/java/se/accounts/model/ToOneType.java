package se.accounts.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import se.accounts.db.Ids;

/**
 * A relation to one object: {@code {"id": "<uuid>"}} in JSON, the related id in a {@code <name>_id} column. It
 * filters, binds and stores as that id, so only its JSON and description differ from a uuid field.
 */
final class ToOneType extends UuidType {
    private static final SerializedString ID = new SerializedString(Entity.ID);
    private static final String SAMPLE_ID = "01890a5d-ac96-774b-bcce-b302099a8058";

    ToOneType() {
        super("TO_ONE");
    }

    @Override
    public Parsed read(Attribute attribute, JsonNode node) {
        return reference(node).map(Parsed::ok)
                .orElseGet(() -> Parsed.error("Expected an object {\"id\": \"<uuid>\"} or null."));
    }

    /** The id of {@code {"id": "<uuid>"}}, nothing else. */
    static Optional<UUID> reference(JsonNode node) {
        if (!node.isObject() || node.size() != 1 || !node.path(Entity.ID).isTextual()) {
            return Optional.empty();
        }
        return Ids.parse(node.path(Entity.ID).textValue());
    }

    static void writeReference(JsonGenerator json, String id) throws IOException {
        json.writeStartObject();
        json.writeFieldName(ID);
        json.writeString(id);
        json.writeEndObject();
    }

    /** The value is a {@link UUID} or its text (see {@link UuidType#readColumn}). */
    @Override
    public void write(JsonGenerator json, Object value) throws IOException {
        writeReference(json, value.toString());
    }

    @Override
    public ObjectNode schema(Attribute attribute) {
        return object().put("$ref", "#/components/schemas/" + RELATION_SCHEMA);
    }

    /** A filter names the related id itself. */
    @Override
    public ObjectNode filterSchema(Attribute attribute) {
        return super.schema(attribute);
    }

    @Override
    public String describe(Attribute attribute) {
        return "The related " + attribute.target().singular() + ", {\"id\": \"<uuid>\"}; it must belong to the"
                + " caller's customer.";
    }

    @Override
    public Object example(Attribute attribute) {
        return attribute.isNullable() ? null : object().put(Entity.ID, SAMPLE_ID);
    }
}
