package se.accounts.entities;

import java.util.UUID;
import org.jooq.Record;
import se.accounts.db.TenantSession;
import se.accounts.events.EventWriter;
import se.accounts.model.Change;
import se.accounts.model.Deletion;
import se.accounts.model.WriteHook;

/**
 * The invitation behaviour declared with the entities it concerns: deleting an invitation revokes it, and
 * anonymizing a user ends its invitations and forgets its password, each in the transaction of that write.
 */
public final class InvitationLifecycle {
    private static final String REVOKED = "revoked";

    /** Anonymizing a user: its invitations stop working and its password is forgotten. */
    static final WriteHook ENDS_WITH_ANONYMIZATION = new WriteHook() {
        @Override
        public void afterWrite(Change change) {
            if (change.becomes("anonymized", true)) {
                revokePending(change.session(), change.id());
                change.session().sql().execute("update organizationuser set password_hash = null"
                        + " where customer_id = ? and id = ?", change.session().customerId(), change.id());
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
