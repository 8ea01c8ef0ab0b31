package se.accounts.http.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.accounts.json.Json;
import se.accounts.model.Action;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.FieldType;
import se.accounts.model.Operation;
import se.accounts.resource.EntityService;

/**
 * Everything the reference says about one entity, derived from its declaration: the object, create, update and
 * bulk-item schemas, and one operation per route its actions offer, with parameters, examples and answers.
 */
public final class EntityDescription {
    private static final String CREATE = "Create";
    private static final String UPDATE = "Update";
    private static final String BULK_ITEM = "BulkItem";

    private final OpenApiDocument document;
    private final Entity entity;
    private final String name;

    private EntityDescription(OpenApiDocument document, Entity entity) {
        this.document = document;
        this.entity = entity;
        this.name = schemaName(entity);
    }

    /** The name of the entity's read schema, {@code Organizationuser}; its write schemas add a suffix. */
    static String schemaName(Entity entity) {
        return Character.toUpperCase(entity.model().charAt(0)) + entity.model().substring(1);
    }

    public static void describe(OpenApiDocument document, Entity entity) {
        new EntityDescription(document, entity).describe();
    }

    private void describe() {
        document.tag(name, entity.description());
        schemas();
        for (Operation offered : Operation.offeredBy(entity)) {
            switch (offered) {
                case CREATE -> create();
                case LIST -> list();
                case BULK_WRITE -> bulkWrite();
                case RETRIEVE -> get();
                case UPDATE -> update();
                case DESTROY -> delete();
            }
        }
    }

    /**
     * The read schema (answers) and the write schemas (requests) apart, so that generated clients send no
     * read-only fields and leave out every field the caller did not set. The read schema serves the slim list
     * too, so only the slim fields, present in every answer, are required.
     */
    private void schemas() {
        ObjectNode object = objectSchema(entity.description() + " Answers carry every field; a list read with"
                + " _slim=true carries only the required ones.");
        ObjectNode properties = object.putObject("properties");
        for (Attribute attribute : entity.attributes()) {
            properties.set(attribute.name(), FieldSchemas.schema(entity, attribute));
            if (attribute.type() == FieldType.INTEGER_ENUM) {
                document.schema(FieldSchemas.enumName(entity, attribute), attribute.type().schema(attribute));
            }
        }
        ArrayNode required = object.putArray("required");
        entity.slimAttributes().forEach(attribute -> required.add(attribute.name()));
        object.putPOJO("example", example());
        document.schema(name, object);
        if (entity.actions().contains(Action.ADD)) {
            ObjectNode create = writable("A new " + entity.singular() + ": the writable fields; leave out what"
                    + " you do not set.");
            ArrayNode needed = create.putArray("required");
            entity.attributes().stream().filter(Attribute::isRequired).forEach(a -> needed.add(a.name()));
            document.schema(name + CREATE, create);
        }
        if (entity.actions().contains(Action.CHANGE)) {
            document.schema(name + UPDATE, writable("Any subset of the writable fields of " + name + "; fields"
                    + " left out keep their values."));
        }
        if (entity.actions().contains(Action.ADD) || entity.actions().contains(Action.CHANGE)) {
            ObjectNode bulkItem = writable("An item of a bulk write: with the id of an existing "
                    + entity.singular() + " it updates it like PATCH, without id it creates one.");
            ((ObjectNode) bulkItem.get("properties")).putObject("id").put("type", "string").put("format", "uuid")
                    .put("description", "The " + entity.singular() + " to update; leave out to create.");
            document.schema(name + BULK_ITEM, bulkItem);
        }
    }

    /** The fields a request may set, none with a default; a field that only holds null is not offered. */
    private ObjectNode writable(String description) {
        ObjectNode schema = objectSchema(description);
        ObjectNode properties = schema.putObject("properties");
        for (Attribute attribute : entity.attributes()) {
            if (!attribute.isReadOnly() && attribute.type() != FieldType.ALWAYS_NULL) {
                properties.set(attribute.name(), FieldSchemas.schema(entity, attribute));
            }
        }
        return schema;
    }

    private static ObjectNode objectSchema(String description) {
        return Json.MAPPER.createObjectNode().put("type", "object").put("description", description);
    }

    private Map<String, Object> example() {
        Map<String, Object> example = new LinkedHashMap<>();
        entity.attributes().forEach(attribute -> example.put(attribute.name(), FieldSchemas.example(attribute)));
        return example;
    }

    private Map<String, Object> writableExample() {
        Map<String, Object> example = new LinkedHashMap<>();
        for (Attribute attribute : entity.attributes()) {
            Object value = FieldSchemas.example(attribute);
            if (!attribute.isReadOnly() && value != null) {
                example.put(attribute.name(), value);
            }
        }
        return example;
    }

    private ObjectNode operation(Operation offered, Action action, String summary) {
        ObjectNode operation = document.operation(offered.path(entity), offered.method());
        operation.putArray("tags").add(name);
        operation.put("operationId", entity.app() + "_" + entity.model() + "_" + offered.verb());
        operation.put("summary", summary);
        operation.put("description", "Permission: " + entity.permission(action) + ".");
        Responses.authenticatedErrors(operation);
        return operation;
    }

    private void create() {
        ObjectNode operation = operation(Operation.CREATE, Action.ADD,
                "Create " + article() + entity.singular());
        idempotencyKey(operation.putArray("parameters"));
        body(operation, OpenApiDocument.ref(name + CREATE), writableExample());
        ObjectNode created = Responses.success(operation, 201, "The created " + entity.singular() + ".");
        Responses.json(created, OpenApiDocument.ref(name), example());
        etag(created);
        Responses.validationError(operation, "Field errors.");
        idempotencyErrors(operation);
        Responses.error(operation, 413, "The body is larger than 10 MiB.");
        CurlSamples.attach(operation, CurlSamples.curl("POST", entity.path(), writableExample(), true));
    }

    private void list() {
        String path = Operation.LIST.path(entity);
        ObjectNode operation = operation(Operation.LIST, Action.VIEW, "List " + entity.plural());
        operation.put("description", operation.get("description").asText() + " Filters are"
                + " `<field>[__<operator>][!]=<value>`, combined with AND. " + Prose.NEGATION);
        ListParameters.add(operation.putArray("parameters"), entity);
        ObjectNode found = Responses.success(operation, 200, "The matching " + entity.plural() + ", in the"
                + " requested order.");
        ObjectNode array = Json.MAPPER.createObjectNode().put("type", "array");
        array.set("items", OpenApiDocument.ref(name));
        Responses.json(found, array, List.of(example()));
        ObjectNode jsonl = Json.MAPPER.createObjectNode().put("type", "string")
                .put("description", "With _jsonl=true: JSON Lines, one " + name + " per line (as in the array),"
                        + " each line ending in \\n; for streaming readers, which generated clients are not.");
        ((ObjectNode) found.get("content")).putObject("application/jsonl").set("schema", jsonl);
        Responses.header(found, "X-Total-Count", "With _statistics=true: objects matching the filters.", "integer");
        Responses.header(found, "X-Page-Count", "With _statistics=true and paging: the number of pages.",
                "integer");
        Responses.header(found, "Link", "With _statistics=true and paging: RFC 8288 first, prev, next, last.",
                "string");
        Responses.validationError(operation, "A parameter is unknown, repeated or has a value of the wrong type;"
                + " the error names it.");
        String query = sampleQuery();
        CurlSamples.attach(operation, CurlSamples.curl("GET", path + query, null, true));
    }

    /** A list request that uses a filter, ordering and paging of this entity. */
    private String sampleQuery() {
        List<String> parameters = new ArrayList<>();
        entity.attributes().stream()
                .filter(a -> a.isFilterable() && !a.isReadOnly() && a.example() instanceof String).findFirst()
                .ifPresent(a -> parameters.add(a.name() + "__icontains=" + ((String) a.example()).substring(0, 3)
                        .toLowerCase(java.util.Locale.ROOT)));
        parameters.add("_order_by=-created_at");
        parameters.add("_page=1&_page_size=25&_statistics=true");
        return "?" + String.join("&", parameters);
    }

    private void bulkWrite() {
        String path = Operation.BULK_WRITE.path(entity);
        ObjectNode operation = operation(Operation.BULK_WRITE, Action.ADD, "Create or update many "
                + entity.plural());
        operation.put("description", "Permission: " + entity.permission(Action.ADD) + " for items without id, "
                + entity.permission(Action.CHANGE) + " for items with one. All or nothing, at most "
                + EntityService.MAX_BULK_ITEMS + " items.");
        idempotencyKey(operation.putArray("parameters"));
        ObjectNode array = Json.MAPPER.createObjectNode().put("type", "array")
                .put("maxItems", EntityService.MAX_BULK_ITEMS);
        array.set("items", OpenApiDocument.ref(name + BULK_ITEM));
        body(operation, array, List.of(writableExample()));
        ObjectNode written = Responses.success(operation, 201, "The written " + entity.plural()
                + ", in input order.");
        ObjectNode result = Json.MAPPER.createObjectNode().put("type", "array");
        result.set("items", OpenApiDocument.ref(name));
        Responses.json(written, result, List.of(example()));
        Responses.bulkValidationError(operation);
        idempotencyErrors(operation);
        Responses.error(operation, 413, "The body is larger than 10 MiB.");
        CurlSamples.attach(operation, CurlSamples.curl("POST", path, List.of(writableExample()), true));
    }

    private void get() {
        ObjectNode operation = operation(Operation.RETRIEVE, Action.VIEW, "Get " + article()
                + entity.singular());
        pk(operation.putArray("parameters"));
        ObjectNode found = Responses.success(operation, 200, "The " + entity.singular() + ".");
        Responses.json(found, OpenApiDocument.ref(name), example());
        etag(found);
        Responses.error(operation, 404, "No such " + entity.singular() + " for the caller's customer.");
        CurlSamples.attach(operation, CurlSamples.curl("GET", entity.path() + FieldSchemas.example(
                entity.require("id")) + "/", null, true));
    }

    private void update() {
        ObjectNode operation = operation(Operation.UPDATE, Action.CHANGE, "Update "
                + article() + entity.singular());
        ArrayNode parameters = operation.putArray("parameters");
        pk(parameters);
        ifMatch(parameters);
        Map<String, Object> change = new LinkedHashMap<>();
        writableExample().entrySet().stream().findFirst().ifPresent(e -> change.put(e.getKey(), e.getValue()));
        body(operation, OpenApiDocument.ref(name + UPDATE), change);
        ObjectNode updated = Responses.success(operation, 200, "The updated " + entity.singular() + ".");
        Responses.json(updated, OpenApiDocument.ref(name), example());
        etag(updated);
        Responses.validationError(operation, "Field errors.");
        Responses.error(operation, 404, "No such " + entity.singular() + " for the caller's customer.");
        Responses.error(operation, 412, "If-Match names an older version; the current ETag is in the answer.");
        CurlSamples.attach(operation, CurlSamples.curl("PATCH", entity.path() + FieldSchemas.example(
                entity.require("id")) + "/", change, true));
    }

    private void delete() {
        ObjectNode operation = operation(Operation.DESTROY, Action.DELETE,
                entity.deleteMeaning().isPresent() ? "Revoke " + article() + entity.singular()
                        : "Delete " + article() + entity.singular());
        entity.deleteMeaning().ifPresent(meaning -> operation.put("description",
                operation.get("description").asText() + " " + meaning));
        ArrayNode parameters = operation.putArray("parameters");
        pk(parameters);
        ifMatch(parameters);
        Responses.success(operation, 204, "Done; no body.");
        Responses.validationError(operation, entity.deleteMeaning().isPresent() ? "Not possible in its state."
                : "Still referenced by other objects; the message names them.");
        Responses.error(operation, 404, "No such " + entity.singular() + " for the caller's customer.");
        Responses.error(operation, 412, "If-Match names an older version.");
        CurlSamples.attach(operation, CurlSamples.curl("DELETE", entity.path() + FieldSchemas.example(
                entity.require("id")) + "/", null, true));
    }

    private String article() {
        // "u" is left out: "a user", as it sounds.
        return "aeio".indexOf(entity.singular().charAt(0)) >= 0 ? "an " : "a ";
    }

    private static void body(ObjectNode operation, ObjectNode schema, Object example) {
        ObjectNode media = operation.putObject("requestBody").put("required", true).putObject("content")
                .putObject(OpenApiDocument.JSON);
        media.set("schema", schema);
        media.putPOJO("example", example);
    }

    private static void pk(ArrayNode parameters) {
        ObjectNode pk = parameters.addObject().put("name", "pk").put("in", "path").put("required", true)
                .put("description", "The object's id. A value that is not a UUID is answered 404.");
        pk.putObject("schema").put("type", "string").put("format", "uuid");
    }

    private static void ifMatch(ArrayNode parameters) {
        ObjectNode header = parameters.addObject().put("name", "If-Match").put("in", "header")
                .put("required", false).put("description", "The ETag you read; a stale one is refused with 412.");
        header.putObject("schema").put("type", "string");
    }

    static void idempotencyKey(ArrayNode parameters) {
        ObjectNode header = parameters.addObject().put("name", "Idempotency-Key").put("in", "header")
                .put("required", false).put("description", "Retrying with the same key and body within 24 hours"
                        + " returns the first response and writes nothing new. Send it once: a key on more than one"
                        + " header line is refused with 400.");
        header.putObject("schema").put("type", "string").put("maxLength", 255);
    }

    static void idempotencyErrors(ObjectNode operation) {
        Responses.error(operation, 409, "A request with this Idempotency-Key is still running.");
        Responses.error(operation, 410, "The response stored for this Idempotency-Key showed an object that has"
                + " since been anonymized or deleted, so it is no longer kept; the request was not repeated.");
        Responses.error(operation, 422, "This Idempotency-Key was used with a different body.");
    }

    private static void etag(ObjectNode response) {
        Responses.header(response, "ETag", "The object's version, for If-Match.", "string");
    }
}
