package se.accounts.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.accounts.model.Errors;
import se.accounts.query.QueryParameter;

/**
 * Decodes the raw query string into ordered pairs, keeping repeats (the list language refuses them) and
 * answering 400 for broken percent-encoding instead of guessing: under the parameter when its value is broken,
 * under {@code non_field_errors} when its name is (there is no name to show it under).
 */
final class QueryStringDecoder {
    private QueryStringDecoder() {
    }

    static List<QueryParameter> decode(String rawQuery) {
        List<QueryParameter> parameters = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            String decodedName = decodePart(name, Errors.NON_FIELD, "The parameter name ");
            parameters.add(new QueryParameter(decodedName, decodePart(value, decodedName, "")));
        }
        return parameters;
    }

    /**
     * Strict percent-decoding: a broken escape or bytes that are not UTF-8 are refused, never replaced; the error
     * goes under {@code key}, its message starting with {@code what}.
     */
    private static String decodePart(String part, String key, String what) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '%') {
                int high = i + 2 < part.length() ? Character.digit(part.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(part.charAt(i + 2), 16);
                if (low < 0) {
                    throw malformed(key, what, part, "is not valid percent-encoding");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            throw malformed(key, what, part, "does not decode to UTF-8 text");
        }
    }

    private static ApiError malformed(String key, String what, String part, String problem) {
        String shown = part.length() > 100 ? part.substring(0, 100) + "..." : part;
        return new ApiError(400, Map.of(key, List.of(what + "'" + shown + "' " + problem
                + ": write % as %25 and other text as percent-escaped UTF-8 bytes.")), Map.of());
    }
}
