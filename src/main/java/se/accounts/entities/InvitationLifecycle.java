package se.accounts.entities;

import java.util.UUID;
import org.jooq.Record;
import se.accounts.db.TenantSession;
import se.accounts.events.EventWriter;
import se.accounts.model.Change;
import se.accounts.model.Deletion;
import se.accounts.model.WriteHook;

/**
 * The invitation behaviour declared with the entities it concerns: deleting an invitation revokes it, and a change
 * of a user's address, its deactivation or anonymization ends its invitations, each in the transaction of that
 * write.
 */
public final class InvitationLifecycle {
    private static final String REVOKED = "revoked";

    /**
     * A user's pending invitation stops working (contract 7.2) when its email changes (a link sent to an old or
     * mistyped address must not set a password), when it is deactivated (so accepting cannot reactivate it) and
     * when it is anonymized, which also forgets its password. Deleting a user deletes its invitations (a cascading
     * foreign key). Addresses are compared ignoring case, as their uniqueness is: a case-only correction still
     * reaches the same mailbox and keeps the invitation.
     */
    static final WriteHook ENDS_WHEN_THE_USER_CHANGES = new WriteHook() {
        @Override
        public void afterWrite(Change change) {
            if (change.before() == null) {
                return;
            }
            boolean anonymizing = change.anonymizes();
            if (anonymizing) {
                change.session().sql().execute("update organizationuser set password_hash = null"
                        + " where customer_id = ? and id = ?", change.session().customerId(), change.id());
            }
            if (anonymizing || change.becomes("is_active", false) || emailChanged(change)) {
                revokePending(change.session(), change.id());
            }
        }
    };

    /** {@code DELETE} of the invitation resource: revokes a pending invitation; its token stops working at once. */
    static final Deletion REVOKE = (session, id, outcome) -> {
        Record invitation = session.sql().fetchOptional("select state, expires_at <= now() as expired, version"
                        + " from invitation where customer_id = ? and id = ? for update", session.customerId(), id)
                .orElseThrow(outcome::notFound);
        outcome.checkVersion(invitation.get("version", Long.class));
        String state = invitation.get("state", String.class);
        if (!state.equals("pending") || invitation.get("expired", Boolean.class)) {
            String status = state.equals("pending") ? "expired" : state;
            throw outcome.refused("Only a pending invitation can be revoked; this one is " + status + ".");
        }
        session.sql().execute("update invitation set state = 'revoked', revoked_at = now(), version = version + 1"
                + " where customer_id = ? and id = ?", session.customerId(), id);
        EventWriter.happened(session, Invitations.INVITATION, id, REVOKED);
    };

    private InvitationLifecycle() {
    }

    private static boolean emailChanged(Change change) {
        Object before = change.before().get("email");
        Object after = change.after().get("email");
        return before == null ? after != null
                : after == null || !before.toString().equalsIgnoreCase(after.toString());
    }

    /**
     * Ends the user's pending invitation, if any: revoked, or expired if it had already run out. Every revocation
     * passes here, so here is where its event is recorded (an expired one was not revoked: no event).
     */
    public static void revokePending(TenantSession session, UUID userId) {
        session.sql().fetch("update invitation set state = case when expires_at <= now() then 'expired'"
                        + " else 'revoked' end, revoked_at = now(), version = version + 1"
                        + " where customer_id = ? and user_id = ? and state = 'pending' returning id, state",
                session.customerId(), userId).stream()
                .filter(revoked -> revoked.get("state", String.class).equals(REVOKED))
                .forEach(revoked -> EventWriter.happened(session, Invitations.INVITATION,
                        revoked.get("id", UUID.class), REVOKED));
    }
}
