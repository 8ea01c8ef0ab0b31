package se.accounts.http.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    /** Stands for the server URL until a request names it; a URL no request can have (.invalid, RFC 2606). */
    private static final String SERVER_MARK = "http://server-url.invalid";

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
        root.putArray("servers").addObject().put("url", SERVER_MARK).put("description", "This service");
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
        ObjectNode malformed = operation.putObject("responses").putObject("4XX").put("description", "A request the"
                + " server cannot read, e.g. with headers larger than 8 KiB (431).");
        malformed.putObject("content").putObject(JSON).set("schema", ref(CommonSchemas.DETAIL));
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

    /** The finished document, rendered once; each answer only puts in its server URL. */
    public Published publish() {
        String text = new String(toBytes(root), StandardCharsets.UTF_8);
        String mark = new String(toBytes(TextNode.valueOf(SERVER_MARK)), StandardCharsets.UTF_8);
        int at = text.indexOf(mark);
        return new Published(text.substring(0, at).getBytes(StandardCharsets.UTF_8),
                text.substring(at + mark.length()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The document around its one server URL, so that generated clients default to the address they fetched
     * the document from (a relative "/" makes them call http://localhost).
     */
    public record Published(byte[] before, byte[] after) {
        /** The document whose server is {@code serverUrl}, e.g. {@code https://accounts.example.se}. */
        public byte[] withServer(String serverUrl) {
            byte[] url = toBytes(TextNode.valueOf(serverUrl));
            byte[] document = Arrays.copyOf(before, before.length + url.length + after.length);
            System.arraycopy(url, 0, document, before.length, url.length);
            System.arraycopy(after, 0, document, before.length + url.length, after.length);
            return document;
        }
    }

    private static byte[] toBytes(JsonNode node) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode ref(String schema) {
        return Json.MAPPER.createObjectNode().put("$ref", "#/components/schemas/" + schema);
    }
}
