package se.accounts.invite;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Record;
import se.accounts.db.Ids;
import se.accounts.db.TenantSession;
import se.accounts.entities.InvitationLifecycle;
import se.accounts.entities.Invitations;
import se.accounts.entities.OrganizationUsers;
import se.accounts.events.EventWriter;
import se.accounts.mail.MailOutbox;
import se.accounts.model.Errors;
import se.accounts.resource.BulkValidationException;
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

    private final Duration validity;
    private final Runnable mailQueued;

    public InvitationService(Duration validity, Runnable mailQueued) {
        this.validity = validity;
        this.mailQueued = mailQueued;
    }

    /**
     * Invites the users a body names ({@code {"id"}} or a list of those), all or none of them, in the caller's
     * transaction (which may store an Idempotency-Key's response with it). Call {@link #invitationsCommitted}
     * after it commits.
     */
    public void invite(TenantSession session, JsonNode body) {
        List<JsonNode> items = items(body);
        List<Errors> errors = new ArrayList<>();
        List<Invitee> invitees = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        boolean failed = false;
        for (JsonNode item : items) {
            Errors itemErrors = new Errors();
            invitee(session, item, seen, itemErrors).ifPresent(invitees::add);
            failed |= !itemErrors.isEmpty();
            errors.add(itemErrors);
        }
        if (failed) {
            throw body.isArray() ? new BulkValidationException(errors) : new ValidationException(errors.get(0));
        }
        invitees.forEach(invitee -> invite(session, invitee));
    }

    /** Sends the mail of committed invitations now rather than at the mail sender's next poll. */
    public void invitationsCommitted() {
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
                                      Errors errors) {
        if (!item.isObject()) {
            errors.add(ValidationException.NON_FIELD, "Expected {\"id\": \"<user id>\"}.");
            return Optional.empty();
        }
        item.fieldNames().forEachRemaining(field -> {
            if (!field.equals(ID)) {
                errors.add(field, "Unknown field.");
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
            errors.add(ID, problem);
        }
        return errors.isEmpty() ? Optional.of(new Invitee(id.get(), user.get().get("email", String.class),
                user.get().get("custom_id", String.class))) : Optional.empty();
    }

    private void invite(TenantSession session, Invitee invitee) {
        InvitationLifecycle.revokePending(session, invitee.userId());
        UUID invitation = Ids.next();
        session.sql().execute("insert into invitation (customer_id, id, user_id, email, expires_at)"
                        + " values (?, ?, ?, ?, now() + make_interval(secs => ?))",
                session.customerId(), invitation, invitee.userId(), invitee.email(), validity.toSeconds());
        session.sql().execute("update organizationuser set hotp_invite_sendout_time = now(), version = version + 1"
                + " where customer_id = ? and id = ?", session.customerId(), invitee.userId());
        MailOutbox.enqueue(session, MAIL_KIND, invitation, invitee.email());
        EventWriter.created(session, Invitations.INVITATION, invitation, field -> null);
        EventWriter.happened(session, Invitations.INVITATION, invitation, "sent");
        EventWriter.updated(session, OrganizationUsers.ORGANIZATION_USER, invitee.userId(),
                field -> invitee.customId(), List.of("hotp_invite_sendout_time"));
    }
}
