package se.accounts.http;

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

    /** The error goes under {@code key}, its message starting with {@code what}. */
    private static String decodePart(String part, String key, String what) {
        try {
            return PercentDecoding.decode(part, true);
        } catch (PercentDecoding.MalformedException e) {
            throw malformed(key, what, part, e.getMessage());
        }
    }

    private static ApiError malformed(String key, String what, String part, String problem) {
        String shown = part.length() > 100 ? part.substring(0, 100) + "..." : part;
        return new ApiError(400, Map.of(key, List.of(what + "'" + shown + "' " + problem
                + ": write % as %25 and other text as percent-escaped UTF-8 bytes.")), Map.of());
    }
}
