package se.accounts.invite;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Record;
import se.accounts.db.Database;
import se.accounts.db.Ids;
import se.accounts.db.TenantSession;
import se.accounts.entities.Invitations;
import se.accounts.entities.OrganizationUsers;
import se.accounts.events.EventWriter;
import se.accounts.mail.MailOutbox;
import se.accounts.resource.BulkValidationException;
import se.accounts.resource.NotFoundException;
import se.accounts.resource.Precondition;
import se.accounts.resource.PreconditionFailedException;
import se.accounts.resource.ValidationException;

/**
 * Inviting organization users (contract 7.1) and revoking invitations (7.3). An invitation and its mail are
 * written in one transaction; the mail (with the token, created when it is sent) goes out from the outbox after
 * the commit.
 */
public final class InvitationService {
    public static final String MAIL_KIND = "invitation";
    public static final int MAX_USERS_PER_REQUEST = 100;
    private static final String ID = "id";

    private final Database database;
    private final Duration validity;
    private final Runnable mailQueued;
    private final EventWriter events;

    public InvitationService(Database database, Duration validity, Runnable mailQueued, EventWriter events) {
        this.database = database;
        this.validity = validity;
        this.mailQueued = mailQueued;
        this.events = events;
    }

    /** Invites the users a body names ({@code {"id"}} or a list of those), all or none of them. */
    public void invite(UUID customer, JsonNode body) {
        List<JsonNode> items = items(body);
        database.forCustomer(customer, session -> {
            List<Map<String, List<String>>> errors = new ArrayList<>();
            List<Invitee> invitees = new ArrayList<>();
            Set<UUID> seen = new HashSet<>();
            boolean failed = false;
            for (JsonNode item : items) {
                Map<String, List<String>> itemErrors = new LinkedHashMap<>();
                invitee(session, item, seen, itemErrors).ifPresent(invitees::add);
                failed |= !itemErrors.isEmpty();
                errors.add(itemErrors);
            }
            if (failed) {
                throw body.isArray() ? new BulkValidationException(errors) : new ValidationException(errors.get(0));
            }
            invitees.forEach(invitee -> invite(session, invitee));
            return null;
        });
        mailQueued.run();
    }

    private static List<JsonNode> items(JsonNode body) {
        if (body.isObject()) {
            return List.of(body);
        }
        if (!body.isArray() || body.isEmpty()) {
            throw ValidationException.of(ValidationException.NON_FIELD,
                    "Expected {\"id\": \"<user id>\"} or a non-empty list of those.");
        }
        if (body.size() > MAX_USERS_PER_REQUEST) {
            throw ValidationException.of(ValidationException.NON_FIELD, "At most " + MAX_USERS_PER_REQUEST
                    + " users per request; got " + body.size() + ".");
        }
        List<JsonNode> items = new ArrayList<>();
        body.forEach(items::add);
        return items;
    }

    private record Invitee(UUID userId, String email, String customId) {
    }

    private Optional<Invitee> invitee(TenantSession session, JsonNode item, Set<UUID> seen,
                                      Map<String, List<String>> errors) {
        if (!item.isObject()) {
            errors.put(ValidationException.NON_FIELD, List.of("Expected {\"id\": \"<user id>\"}."));
            return Optional.empty();
        }
        item.fieldNames().forEachRemaining(field -> {
            if (!field.equals(ID)) {
                errors.put(field, List.of("Unknown field."));
            }
        });
        Optional<UUID> id = item.path(ID).isTextual() ? Ids.parse(item.path(ID).textValue()) : Optional.empty();
        Optional<Record> user = id.flatMap(userId -> session.sql().fetchOptional(
                "select email, anonymized, custom_id from organizationuser where customer_id = ? and id = ? for update",
                session.customerId(), userId));
        String problem = !item.has(ID) ? "This field is required."
                : user.isEmpty() ? "Object with this id does not exist."
                : !seen.add(id.get()) ? "This user is listed more than once."
                : user.get().get("anonymized", Boolean.class) ? "Anonymized users cannot be invited."
                : user.get().get("email") == null ? "This user has no email address to send the invitation to."
                : null;
        if (problem != null) {
            errors.put(ID, List.of(problem));
        }
        return errors.isEmpty() ? Optional.of(new Invitee(id.get(), user.get().get("email", String.class),
                user.get().get("custom_id", String.class)))
                : Optional.empty();
    }

    private void invite(TenantSession session, Invitee invitee) {
        revokePending(session, invitee.userId());
        UUID invitation = Ids.next();
        session.sql().execute("insert into invitation (customer_id, id, user_id, email, expires_at)"
                        + " values (?, ?, ?, ?, now() + make_interval(secs => ?))",
                session.customerId(), invitation, invitee.userId(), invitee.email(), validity.toSeconds());
        session.sql().execute("update organizationuser set hotp_invite_sendout_time = now(), version = version + 1"
                + " where customer_id = ? and id = ?", session.customerId(), invitee.userId());
        MailOutbox.enqueue(session, MAIL_KIND, invitation, invitee.email());
        events.created(session, Invitations.INVITATION, invitation, field -> null);
        events.happened(session, Invitations.INVITATION, invitation, "sent");
        events.updated(session, OrganizationUsers.ORGANIZATION_USER, invitee.userId(), field -> invitee.customId(),
                List.of("hotp_invite_sendout_time"));
    }

    /** Ends the user's pending invitation, if any: revoked, or expired if it had already run out. */
    private void revokePending(TenantSession session, UUID userId) {
        session.sql().fetch("update invitation set state = case when expires_at <= now() then 'expired'"
                        + " else 'revoked' end, revoked_at = now(), version = version + 1"
                        + " where customer_id = ? and user_id = ? and state = 'pending' returning id, state",
                session.customerId(), userId).stream()
                .filter(revoked -> revoked.get("state", String.class).equals("revoked"))
                .forEach(revoked -> events.happened(session, Invitations.INVITATION, revoked.get("id", UUID.class),
                        "revoked"));
    }

    /** In the transaction that anonymizes a user: its invitations stop working and its password is forgotten. */
    public void userAnonymized(TenantSession session, UUID userId) {
        revokePending(session, userId);
        session.sql().execute("update organizationuser set password_hash = null where customer_id = ? and id = ?",
                session.customerId(), userId);
    }

    /** {@code DELETE} of the invitation resource: revokes a pending invitation; its token stops working at once. */
    public void revoke(TenantSession session, UUID id, Precondition precondition) {
        Record invitation = session.sql().fetchOptional("select state, expires_at <= now() as expired, version"
                        + " from invitation where customer_id = ? and id = ? for update", session.customerId(), id)
                .orElseThrow(NotFoundException::new);
        long version = invitation.get("version", Long.class);
        if (!precondition.allows(version)) {
            throw new PreconditionFailedException(Precondition.etagOf(version));
        }
        String state = invitation.get("state", String.class);
        if (!state.equals("pending") || invitation.get("expired", Boolean.class)) {
            String status = state.equals("pending") ? "expired" : state;
            throw ValidationException.of(ValidationException.NON_FIELD,
                    "Only a pending invitation can be revoked; this one is " + status + ".");
        }
        session.sql().execute("update invitation set state = 'revoked', revoked_at = now(), version = version + 1"
                + " where customer_id = ? and id = ?", session.customerId(), id);
        events.happened(session, Invitations.INVITATION, id, "revoked");
    }
}
