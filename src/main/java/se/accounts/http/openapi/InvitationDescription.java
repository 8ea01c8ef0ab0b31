package se.accounts.http.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import se.accounts.json.Json;

/** The reference of inviting users and accepting invitations (contract 7.1 and 7.2). */
public final class InvitationDescription {
    private static final String TAG = "Invitation";
    private static final String SAMPLE_USER = "01890a5d-ac96-774b-bcce-b302099a8057";

    private InvitationDescription() {
    }

    public static void describe(OpenApiDocument document, String invitePath, String acceptPath, int maxUsers,
                                String permission) {
        invite(document, invitePath, maxUsers, permission);
        accept(document, acceptPath);
        acceptPage(document, acceptPath);
    }

    private static void invite(OpenApiDocument document, String path, int maxUsers, String permission) {
        ObjectNode operation = document.operation(path, "post");
        operation.putArray("tags").add(TAG);
        operation.put("operationId", "accounts_organizationuser_invite");
        operation.put("summary", "Invite organization users by email");
        operation.put("description", "Permission: " + permission + ". For each user, all or nothing: the user"
                + " must exist for the caller's customer, have an email and not be anonymized. Creates an invitation"
                + " valid 7 days (revoking the user's pending one), sets hotp_invite_sendout_time, and sends one"
                + " email with the acceptance link after the transaction commits.");
        EntityDescription.idempotencyKey(operation.putArray("parameters"));
        // The array alone: it invites one user as well as many, and a oneOf of an object and an array becomes
        // Java that does not compile. The single object the server also takes is said in prose.
        ObjectNode users = Json.MAPPER.createObjectNode().put("type", "array").put("minItems", 1)
                .put("maxItems", maxUsers).put("description", "The users to invite. A single object {\"id\":"
                        + " \"<uuid>\"} is taken too, as one user.");
        users.set("items", OpenApiDocument.ref(CommonSchemas.RELATION));
        ObjectNode media = operation.putObject("requestBody").put("required", true).putObject("content")
                .putObject(OpenApiDocument.JSON);
        media.set("schema", users);
        media.putPOJO("example", List.of(Map.of("id", SAMPLE_USER)));
        ObjectNode created = Responses.success(operation, 201, "Invited; the body is null.");
        Responses.json(created, Json.MAPPER.createObjectNode().put("description", "Always null."), null);
        Responses.bulkValidationError(operation);
        EntityDescription.idempotencyErrors(operation);
        Responses.authenticatedErrors(operation);
        CurlSamples.attach(operation, CurlSamples.curl("POST", path, List.of(Map.of("id", SAMPLE_USER)), true));
    }

    private static void accept(OpenApiDocument document, String path) {
        ObjectNode operation = document.publicOperation(path, "post", TAG, "accounts_invitation_accept",
                "Accept an invitation");
        operation.put("description", "No integration headers: the token from the mailed link is the credential."
                + " Sets the user's username and password, marks the user active and the email verified, and"
                + " consumes the token. Rate-limited per client address.");
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("token").put("type", "string").put("description", "The token of the link.");
        properties.putObject("username").put("type", "string").put("minLength", 8).put("maxLength", 150)
                .put("pattern", "^[\\w.@+-]+$").put("description", "Unique per customer.");
        properties.putObject("password").put("type", "string").put("minLength", 10).put("writeOnly", true)
                .put("description", "At least 10 characters, not the username or the email address.");
        schema.putArray("required").add("token").add("username").add("password");
        ObjectNode media = operation.putObject("requestBody").put("required", true).putObject("content")
                .putObject(OpenApiDocument.JSON);
        media.set("schema", schema);
        Map<String, String> example = Map.of("token", "<token from the link>", "username", "anna.svensson",
                "password", "a long passphrase");
        media.putPOJO("example", example);
        ObjectNode accepted = Responses.success(operation, 200, "The user's id, new username and email.");
        ObjectNode user = Json.MAPPER.createObjectNode().put("type", "object");
        ObjectNode userProperties = user.putObject("properties");
        userProperties.putObject("id").put("type", "string").put("format", "uuid");
        userProperties.putObject("username").put("type", "string");
        userProperties.putObject("email").putArray("type").add("string").add("null");
        Responses.json(accepted, user, Map.of("id", SAMPLE_USER, "username", "anna.svensson",
                "email", "anna.svensson@example.se"));
        Responses.validationError(operation, "Invalid, used or expired token ({\"token\": [\"Invalid or expired"
                + " invitation.\"]}), or a username or password that breaks the rules.");
        Responses.error(operation, 429, "Too many attempts from this address; wait Retry-After seconds.");
        Responses.unavailable(operation);
        CurlSamples.attach(operation, CurlSamples.curl("POST", path, example, false));
    }

    private static void acceptPage(OpenApiDocument document, String path) {
        ObjectNode operation = document.publicOperation(path, "get", TAG, "accounts_invitation_accept_page",
                "The acceptance page the mailed link opens");
        operation.put("description", "A form for username and password that posts to this path. Showing it"
                + " changes nothing, so mail scanners that follow links cannot use up an invitation.");
        ObjectNode token = operation.putArray("parameters").addObject().put("name", "token").put("in", "query")
                .put("required", false).put("description", "The invitation token; read by the page's script.");
        token.putObject("schema").put("type", "string");
        OpenApiDocument.okContent(operation, "The HTML page.", "text/html").putObject("schema").put("type", "string");
        CurlSamples.attach(operation, CurlSamples.curl("GET", path + "?token=<token>", null, false));
    }
}
