package se.accounts.http.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import se.accounts.json.Json;
import se.accounts.tenancy.ClientCredentials;

/** Example requests as curl command lines, with placeholders for the seven headers. */
final class CurlSamples {
    private static final String BASE = "http://127.0.0.1:8080";

    private CurlSamples() {
    }

    static String curl(String method, String pathAndQuery, Object body, boolean authenticated) {
        StringBuilder command = new StringBuilder("curl -i -X ").append(method).append(" '").append(BASE)
                .append(pathAndQuery).append('\'');
        if (authenticated) {
            for (String header : ClientCredentials.HEADER_NAMES) {
                command.append(" \\\n  -H '").append(header).append(": ")
                        .append(header.equals(ClientCredentials.CLIENT_CT) ? ClientCredentials.CLIENT_CONTENT_TYPE
                                : "<" + header.substring("X-PIGELLO-".length()).toLowerCase(java.util.Locale.ROOT) + ">")
                        .append('\'');
            }
        }
        if (body != null) {
            command.append(" \\\n  -H 'Content-Type: application/json' -d '").append(Json.write(body)).append('\'');
        }
        return command.toString();
    }

    /** Puts the sample into the operation, as x-codeSamples and at the end of its description. */
    static void attach(ObjectNode operation, String curl) {
        operation.putArray("x-codeSamples").addObject().put("lang", "curl").put("label", "curl")
                .put("source", curl);
        String description = operation.path("description").asText("");
        operation.put("description", (description.isEmpty() ? "" : description + "\n\n") + "```sh\n" + curl
                + "\n```");
    }
}
