package se.accounts.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** The one configured JSON mapper, and strict reading of request bodies. */
public final class Json {
    /** Deep enough for any real body; a limit keeps hostile nesting from costing stack. */
    private static final int MAX_NESTING = 64;

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // A character outside the BMP (an emoji) as its four UTF-8 bytes, as PostgreSQL stores and returns it,
            // not as an escaped surrogate pair: text columns are copied to the response as UTF-8 bytes
            // (model/TextType), and every other path must write the same bytes.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            // Long numbers (up to JsonNumberLimits.MAX_LITERAL_LENGTH digits) in less than quadratic time.
            .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING).maxNumberLength(JsonNumberLimits.MAX_LITERAL_LENGTH).build());
    }

    private Json() {
    }

    /**
     * Parses a request body; malformed JSON is a {@link MalformedJsonException} with Jackson's reason, and a number
     * too long to store a {@link NumberTooLongException} naming its field.
     */
    public static JsonNode parse(byte[] body) {
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonNode node = readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw new MalformedJsonException("No content to map due to end-of-input");
            }
            if (parser.nextToken() != null) {
                // A body is one JSON value: '{...} x' or two objects in a row is malformed, not its first value.
                throw new MalformedJsonException("Unexpected content after the JSON value at line "
                        + parser.currentLocation().getLineNr() + ", column "
                        + parser.currentLocation().getColumnNr() + "; send exactly one JSON value");
            }
            pathOfFirst(node, Json::hasUnpairedSurrogate).ifPresent(path -> {
                throw new MalformedJsonException("The string at " + path + " holds an unpaired UTF-16 surrogate"
                        + " escape (\\ud800 to \\udfff alone), which is not a character; send valid Unicode");
            });
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedJsonException(e.getMessage());
        }
    }

    /**
     * The path ({@code a[0].b}; {@code $} for {@code node} itself) of the first value inside {@code node}, depth
     * first, that {@code test} holds for.
     */
    public static Optional<String> pathOfFirst(JsonNode node, Predicate<JsonNode> test) {
        return pathOfFirst(node, test, "");
    }

    private static Optional<String> pathOfFirst(JsonNode node, Predicate<JsonNode> test, String path) {
        if (test.test(node)) {
            return Optional.of(path.isEmpty() ? "$" : path);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> found = pathOfFirst(node.get(i), test, path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                Optional<String> found = pathOfFirst(property.getValue(), test,
                        path.isEmpty() ? property.getKey() : path + "." + property.getKey());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A string value holding a surrogate escape without its pair. Jackson keeps it in the String, and encoding that
     * for PostgreSQL would silently store a '?' instead.
     */
    private static boolean hasUnpairedSurrogate(JsonNode node) {
        return node.isTextual() && hasUnpairedSurrogate(node.textValue());
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** What a value is, in the words of an error message: "a list", "a string", "null"... */
    public static String kindOf(JsonNode node) {
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.isNull() ? "null" : "an object";
    }

    private static JsonNode readTree(JsonParser parser) throws IOException {
        try {
            return MAPPER.readTree(parser);
        } catch (StreamConstraintsException e) {
            if (e.getMessage().contains("Number value length")) {
                throw NumberTooLongException.at(parser.getParsingContext());
            }
            throw e;
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The same JSON for bodies that differ only in key order and whitespace (for Idempotency-Key). */
    public static String canonical(JsonNode node) {
        return write(canonicalValue(node));
    }

    private static Object canonicalValue(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), canonicalValue(e.getValue())));
            return sorted;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(canonicalValue(item)));
            return items;
        }
        return node;
    }
}
