package se.accounts.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.accounts.query.QueryParameter;

/**
 * Decodes the raw query string into ordered pairs, keeping repeats (the list language refuses them) and
 * answering 400 for broken percent-encoding instead of guessing.
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
            parameters.add(new QueryParameter(decodePart(name), decodePart(value)));
        }
        return parameters;
    }

    private static String decodePart(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw new ApiError(400, Map.of("detail", "Malformed query string: '" + part
                    + "' is not valid percent-encoding."), Map.of());
        }
    }
}
