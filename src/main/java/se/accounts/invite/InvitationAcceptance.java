package se.accounts.invite;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import se.accounts.db.Database;
import se.accounts.db.DatabaseErrors;
import se.accounts.entities.Invitations;
import se.accounts.entities.OrganizationUsers;
import se.accounts.events.EventWriter;
import se.accounts.model.Attribute;
import se.accounts.model.Errors;
import se.accounts.resource.ValidationException;
import se.accounts.tenancy.SecretHasher;

/**
 * Accepting an invitation (contract 7.2): the token is the credential. A valid, unexpired, unused token sets the
 * user's username and password, marks the user active and the email verified, and is consumed, all in one
 * transaction. Every unusable token gets the same answer. The email is still the address the invitation went to,
 * and the user was not deactivated since: either would have revoked the invitation in the transaction that did it
 * ({@code entities.InvitationLifecycle}), so accepting needs no check of its own for them.
 */
public final class InvitationAcceptance {
    static final String INVALID_TOKEN = "Invalid or expired invitation.";
    static final int MIN_PASSWORD_LENGTH = 10;
    private static final int MAX_PASSWORD_LENGTH = 4096;
    private static final Attribute USERNAME = OrganizationUsers.ORGANIZATION_USER.require("username");
    private static final List<String> FIELDS = List.of("token", "username", "password");

    private final Database database;

    public InvitationAcceptance(Database database) {
        this.database = database;
    }

    /** What an accepted invitation answers: the user's id, new username and email. */
    public record AcceptedUser(UUID id, String username, String email) {
    }

    public AcceptedUser accept(JsonNode body) {
        Errors errors = new Errors();
        Map<String, String> values = read(body, errors);
        String token = values.get("token");
        Optional<Invitation> found = token == null ? Optional.empty() : invitationOf(token);
        if (token != null && found.isEmpty()) {
            errors.add("token", INVALID_TOKEN);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Invitation invitation = found.get();
        return database.forCustomer(invitation.customerId(), session -> {
            // The user row is locked before the invitation, in the order every write of a user takes them (the
            // write locks the user, then revokes its invitation): a deactivation or change of address racing
            // this acceptance either revokes the invitation first, or waits until it is accepted. So the
            // invitation's state is read here, after the lock, by its id; the token's lookup only found it. The
            // hash is compared again because a retried mail replaces the token (InvitationMail.compose).
            Record user = session.sql().fetchOptional("select email, custom_id, username, email_verified,"
                            + " is_active from organizationuser where customer_id = ? and id = ? for update",
                            session.customerId(), invitation.userId())
                    .orElseThrow(() -> ValidationException.of("token", INVALID_TOKEN));
            String email = user.get("email", String.class);
            session.sql().fetchOptional("select 1 from invitation where customer_id = ? and id = ?"
                            + " and token_hash = ? and state = 'pending' and expires_at > now() for update",
                            session.customerId(), invitation.id(), invitation.tokenHash())
                    .orElseThrow(() -> ValidationException.of("token", INVALID_TOKEN));
            checkPassword(values.get("password"), values.get("username"), email);
            try {
                session.sql().execute("update organizationuser set username = ?, password_hash = ?,"
                                + " email_verified = true, is_active = true, version = version + 1"
                                + " where customer_id = ? and id = ?", values.get("username"),
                        SecretHasher.hash(values.get("password")), session.customerId(), invitation.userId());
            } catch (DataAccessException e) {
                if (DatabaseErrors.hasState(e, DatabaseErrors.UNIQUE_VIOLATION)) {
                    throw ValidationException.of("username", "A user with that username already exists.");
                }
                throw e;
            }
            session.sql().execute("update invitation set state = 'accepted', accepted_at = now(),"
                    + " version = version + 1 where customer_id = ? and id = ?", session.customerId(),
                    invitation.id());
            EventWriter.initiatedByUser(session, invitation.userId());
            EventWriter.happened(session, Invitations.INVITATION, invitation.id(), "accepted");
            EventWriter.updated(session, OrganizationUsers.ORGANIZATION_USER, invitation.userId(), user::get,
                    changesOfAccepting(user, values.get("username")));
            return new AcceptedUser(invitation.userId(), values.get("username"), email);
        });
    }

    /** The user's fields accepting changes (the password is no field). */
    private static List<String> changesOfAccepting(Record user, String username) {
        List<String> changed = new ArrayList<>();
        if (!username.equals(user.get("username", String.class))) {
            changed.add("username");
        }
        if (!user.get("email_verified", Boolean.class)) {
            changed.add("email_verified");
        }
        if (!user.get("is_active", Boolean.class)) {
            changed.add("is_active");
        }
        return changed;
    }

    private static Map<String, String> read(JsonNode body, Errors errors) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!body.isObject()) {
            errors.add(ValidationException.NON_FIELD, "Expected an object with token, username and"
                    + " password.");
            return values;
        }
        body.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                errors.add(field, "Unknown field.");
            }
        });
        for (String field : FIELDS) {
            JsonNode value = body.path(field);
            if (value.isMissingNode() || value.isNull() || value.isTextual() && value.textValue().isBlank()) {
                errors.add(field, "This field is required.");
            } else if (!value.isTextual()) {
                errors.add(field, "Not a valid string.");
            } else {
                values.put(field, field.equals("password") ? value.textValue() : value.textValue().strip());
            }
        }
        String username = values.get("username");
        if (username != null) {
            usernameProblem(username).ifPresent(problem -> {
                errors.add("username", problem);
                values.remove("username");
            });
        }
        return values;
    }

    private static Optional<String> usernameProblem(String username) {
        int length = username.codePointCount(0, username.length());
        if (length < USERNAME.minLength() || length > USERNAME.maxLength()) {
            return Optional.of("Ensure this field has " + USERNAME.minLength() + " to " + USERNAME.maxLength()
                    + " characters.");
        }
        if (!USERNAME.pattern().matcher(username).matches()) {
            return Optional.of(USERNAME.patternDescription());
        }
        return Optional.empty();
    }

    private static void checkPassword(String password, String username, String email) {
        String problem = null;
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD_LENGTH) {
            problem = "This password is too short. It must contain at least " + MIN_PASSWORD_LENGTH + " characters.";
        } else if (length > MAX_PASSWORD_LENGTH) {
            problem = "Ensure this field has no more than " + MAX_PASSWORD_LENGTH + " characters.";
        } else if (password.toLowerCase(Locale.ROOT).equals(username.toLowerCase(Locale.ROOT))) {
            problem = "The password may not be the username.";
        } else if (email != null && password.toLowerCase(Locale.ROOT).equals(email.toLowerCase(Locale.ROOT))) {
            problem = "The password may not be the email address.";
        }
        if (problem != null) {
            throw ValidationException.of("password", problem);
        }
    }

    /** Where a token leads: its invitation, that invitation's customer and user. Its state is read when locked. */
    private record Invitation(UUID customerId, UUID id, UUID userId, byte[] tokenHash) {
    }

    /**
     * The invitation of a token, the only lookup by its hash; as the owner, since the request names no customer
     * and the tenant transaction needs one.
     */
    private Optional<Invitation> invitationOf(String token) {
        byte[] hash = InvitationTokens.hash(token);
        return database.asOwner(sql -> sql.fetchOptional("select customer_id, id, user_id from invitation"
                + " where token_hash = ?", hash).map(row -> new Invitation(row.get(0, UUID.class),
                row.get(1, UUID.class), row.get(2, UUID.class), hash)));
    }
}
