package se.accounts.http.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The responses of an operation: its success and the errors it can answer, with their bodies and headers. */
final class Responses {
    private Responses() {
    }

    static ObjectNode success(ObjectNode operation, int status, String description) {
        return responses(operation).putObject(Integer.toString(status)).put("description", description);
    }

    static void json(ObjectNode response, ObjectNode schema, Object example) {
        ObjectNode media = response.putObject("content").putObject(OpenApiDocument.JSON);
        media.set("schema", schema);
        if (example != null) {
            media.putPOJO("example", example);
        }
    }

    static void header(ObjectNode response, String name, String description, String type) {
        ObjectNode headers = response.has("headers") ? (ObjectNode) response.get("headers")
                : response.putObject("headers");
        headers.putObject(name).put("description", description).putObject("schema").put("type", type);
    }

    /** The 4xx and 5xx answers of an operation that needs the seven headers. */
    static void authenticatedErrors(ObjectNode operation) {
        error(operation, 401, "Missing or invalid authentication headers.");
        error(operation, 403, "The client lacks the permission.");
        error(operation, 429, "The client made more requests this minute than its limit, or its address sent too many"
                + " invalid credentials; wait Retry-After seconds.");
        unavailable(operation);
    }

    static void validationError(ObjectNode operation, String description) {
        ObjectNode response = responses(operation).putObject("400").put("description", description);
        response.putObject("content").putObject(OpenApiDocument.JSON).set("schema",
                OpenApiDocument.ref(CommonSchemas.FIELD_ERRORS));
    }

    static void bulkValidationError(ObjectNode operation) {
        ObjectNode response = responses(operation).putObject("400").put("description",
                "A request-level problem (field errors), or item errors: one object per item.");
        response.putObject("content").putObject(OpenApiDocument.JSON).set("schema",
                OpenApiDocument.ref(CommonSchemas.BULK_ERRORS));
    }

    static void error(ObjectNode operation, int status, String description) {
        ObjectNode response = responses(operation).putObject(Integer.toString(status)).put("description",
                description);
        response.putObject("content").putObject(OpenApiDocument.JSON).set("schema",
                OpenApiDocument.ref(CommonSchemas.DETAIL));
        if (status == 429 || status == 503) {
            header(response, "Retry-After", "Seconds to wait before trying again.", "integer");
        }
    }

    static void unavailable(ObjectNode operation) {
        error(operation, 503, "The database is unavailable; retry after Retry-After seconds.");
    }

    private static ObjectNode responses(ObjectNode operation) {
        return operation.has("responses") ? (ObjectNode) operation.get("responses")
                : operation.putObject("responses");
    }
}
