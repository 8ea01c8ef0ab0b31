package se.accounts.tenancy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The seven header values an integration sends on every request. */
public record ClientCredentials(UUID customerId, UUID applicationId, UUID serviceId, UUID serviceVersionId,
                                UUID activationId, String secret) {
    public static final String CLIENT_CONTENT_TYPE = "accounts.integrationuseragent";

    public static final String CUSTOMER_ID = "X-PIGELLO-CUSTOMER-ID";
    public static final String APPLICATION_ID = "X-PIGELLO-APPLICATION-ID";
    public static final String SERVICE_ID = "X-PIGELLO-SERVICE-ID";
    public static final String SERVICE_VERSION_ID = "X-PIGELLO-SERVICE-VERSION-ID";
    public static final String CLIENT_CT = "X-PIGELLO-CLIENT-CT";
    public static final String CLIENT_ENTITY = "X-PIGELLO-CLIENT-ENTITY";
    public static final String CLIENT_SECRET = "X-PIGELLO-CLIENT-SECRET";

    /** The header names in the order the contract lists them. */
    public static final java.util.List<String> HEADER_NAMES = java.util.List.of(CUSTOMER_ID, APPLICATION_ID,
            SERVICE_ID, SERVICE_VERSION_ID, CLIENT_CT, CLIENT_ENTITY, CLIENT_SECRET);

    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CUSTOMER_ID, customerId.toString());
        headers.put(APPLICATION_ID, applicationId.toString());
        headers.put(SERVICE_ID, serviceId.toString());
        headers.put(SERVICE_VERSION_ID, serviceVersionId.toString());
        headers.put(CLIENT_CT, CLIENT_CONTENT_TYPE);
        headers.put(CLIENT_ENTITY, activationId.toString());
        headers.put(CLIENT_SECRET, secret);
        return headers;
    }

    /** A curl command line with all seven headers, ready to paste. */
    public String curl(String url) {
        StringBuilder command = new StringBuilder("curl -i '").append(url).append('\'');
        headers().forEach((name, value) -> command.append(" \\\n  -H '").append(name).append(": ")
                .append(value).append('\''));
        return command.toString();
    }

    /** A curl command line that POSTs {@code json} (which must not contain a single quote). */
    public String curlPost(String url, String json) {
        return curl(url).replaceFirst("^curl -i ", "curl -i -X POST ") + " \\\n  -H 'Content-Type: application/json'"
                + " -d '" + json + "'";
    }
}
