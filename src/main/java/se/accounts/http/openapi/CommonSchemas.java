package se.accounts.http.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import se.accounts.json.Json;
import se.accounts.model.FieldType;

/** Schemas every part of the document refers to: relations and the error bodies. */
final class CommonSchemas {
    static final String RELATION = FieldType.RELATION_SCHEMA;
    static final String DETAIL = "Detail";
    static final String FIELD_ERRORS = "FieldErrors";
    static final String ITEM_ERRORS = "ItemErrors";

    private CommonSchemas() {
    }

    static void add(OpenApiDocument document) {
        ObjectNode relation = object("A related object, by id.");
        relation.putObject("properties").putObject("id").put("type", "string").put("format", "uuid");
        relation.putArray("required").add("id");
        document.schema(RELATION, relation);

        ObjectNode detail = object("An error that concerns the request as a whole.");
        detail.putObject("properties").putObject("detail").put("type", "string");
        detail.putArray("required").add("detail");
        detail.putObject("example").put("detail", "Not found.");
        document.schema(DETAIL, detail);

        ObjectNode fieldErrors = object("Messages per offending field or parameter; errors not tied to one field"
                + " are under non_field_errors.");
        fieldErrors.putObject("additionalProperties").put("type", "array").putObject("items").put("type", "string");
        fieldErrors.putObject("example").putArray("email").add("Enter a valid email address.");
        document.schema(FIELD_ERRORS, fieldErrors);

        ObjectNode itemErrors = Json.MAPPER.createObjectNode().put("type", "array")
                .put("description", "One object per item of a bulk request, in input order; {} for items"
                        + " without errors.");
        itemErrors.set("items", OpenApiDocument.ref(FIELD_ERRORS));
        document.schema(ITEM_ERRORS, itemErrors);
    }

    private static ObjectNode object(String description) {
        return Json.MAPPER.createObjectNode().put("type", "object").put("description", description);
    }
}
