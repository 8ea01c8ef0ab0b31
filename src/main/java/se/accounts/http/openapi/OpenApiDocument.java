package se.accounts.http.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import se.accounts.json.Json;
import se.accounts.tenancy.ClientCredentials;

/**
 * The OpenAPI 3.1 document of the service, assembled from the descriptions that each group of routes gives of
 * itself (and those of entities come from the metamodel), so that it cannot drift from what the server answers.
 */
public final class OpenApiDocument {
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";
    static final String JSON = "application/json";
    private static final String VERSION = "2.0.0";

    private final ObjectNode root = Json.MAPPER.createObjectNode();
    private final ObjectNode paths;
    private final ObjectNode schemas;
    private final ArrayNode tags;

    public OpenApiDocument() {
        root.put("openapi", "3.1.0");
        ObjectNode info = root.putObject("info");
        info.put("title", "Accounts API");
        info.put("version", VERSION);
        info.put("description", Prose.INTRODUCTION);
        tags = root.putArray("tags");
        root.putArray("servers").addObject().put("url", "/").put("description", "This service");
        ArrayNode security = root.putArray("security");
        ObjectNode together = security.addObject();
        ObjectNode components = root.putObject("components");
        ObjectNode schemes = components.putObject("securitySchemes");
        for (String header : ClientCredentials.HEADER_NAMES) {
            String scheme = schemeName(header);
            schemes.putObject(scheme).put("type", "apiKey").put("in", "header").put("name", header)
                    .put("description", "One of the seven headers every request needs (all seven together).");
            together.putArray(scheme);
        }
        schemas = components.putObject("schemas");
        CommonSchemas.add(this);
        paths = root.putObject("paths");
    }

    /** {@code X-PIGELLO-CLIENT-SECRET} becomes {@code PigelloClientSecret}. */
    private static String schemeName(String header) {
        StringBuilder name = new StringBuilder();
        for (String word : header.substring(2).toLowerCase(Locale.ROOT).split("-")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }

    /** A new operation object at {@code path} for {@code method} (lower case) to fill in. */
    public ObjectNode operation(String path, String method) {
        ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
        return item.putObject(method.toLowerCase(Locale.ROOT));
    }

    /** A group of operations in the reference, in the order they are first declared. */
    public void tag(String name, String description) {
        tags.addObject().put("name", name).put("description", description);
    }

    /** A new operation that needs none of the seven headers, tagged and named, for the caller to fill in. */
    public ObjectNode publicOperation(String path, String method, String tag, String operationId, String summary) {
        ObjectNode operation = operation(path, method);
        operation.putArray("tags").add(tag);
        operation.put("operationId", operationId);
        operation.put("summary", summary);
        operation.putArray("security");
        return operation;
    }

    /** The 200 answer of an operation, with content of {@code mediaType}, answered for its schema or example. */
    public static ObjectNode okContent(ObjectNode operation, String description, String mediaType) {
        ObjectNode responses = operation.has("responses") ? (ObjectNode) operation.get("responses")
                : operation.putObject("responses");
        return responses.putObject("200").put("description", description).putObject("content")
                .putObject(mediaType);
    }

    public void schema(String name, ObjectNode schema) {
        schemas.set(name, schema);
    }

    public byte[] toBytes() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode ref(String schema) {
        return Json.MAPPER.createObjectNode().put("$ref", "#/components/schemas/" + schema);
    }
}
