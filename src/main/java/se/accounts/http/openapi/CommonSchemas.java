package se.accounts.http.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import se.accounts.json.Json;
import se.accounts.model.FieldType;

/** Schemas every part of the document refers to: relations and the error bodies. */
final class CommonSchemas {
    static final String RELATION = FieldType.RELATION_SCHEMA;
    static final String DETAIL = "Detail";
    static final String FIELD_ERRORS = "FieldErrors";
    static final String RELATIONS = FieldType.RELATIONS_SCHEMA;
    static final String BULK_ERRORS = "BulkErrors";

    private CommonSchemas() {
    }

    static void add(OpenApiDocument document) {
        ObjectNode relation = object("A related object, by id.");
        relation.putObject("properties").putObject("id").put("type", "string").put("format", "uuid");
        relation.putArray("required").add("id");
        document.schema(RELATION, relation);

        ObjectNode relations = Json.MAPPER.createObjectNode().put("type", "array")
                .put("description", "Related objects by id; writing the list replaces it.");
        relations.set("items", OpenApiDocument.ref(RELATION));
        document.schema(RELATIONS, relations);

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

        // One schema of two types rather than a oneOf of a map and an array, which generators turn into code
        // that does not compile (List<Map<String, List<String>>>.class).
        ObjectNode bulkErrors = Json.MAPPER.createObjectNode().put("description", "Field errors (an object, as"
                + " FieldErrors) when the request as a whole is wrong, or item errors: an array with one FieldErrors"
                + " object per item, in input order, {} for items without errors.");
        bulkErrors.putArray("type").add("object").add("array");
        bulkErrors.set("additionalProperties", fieldErrors.get("additionalProperties").deepCopy());
        bulkErrors.set("items", OpenApiDocument.ref(FIELD_ERRORS));
        bulkErrors.putArray("example").addObject().putArray("email").add("Enter a valid email address.");
        document.schema(BULK_ERRORS, bulkErrors);
    }

    private static ObjectNode object(String description) {
        return Json.MAPPER.createObjectNode().put("type", "object").put("description", description);
    }
}
