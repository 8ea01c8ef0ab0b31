package se.accounts.mail;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.UUID;
import se.accounts.db.Ids;
import se.accounts.db.TenantSession;

/**
 * Queues mail inside the caller's transaction: it is sent only if that transaction commits, and then even if the
 * service stops right after (the sender of any instance picks it up).
 */
public final class MailOutbox {
    private MailOutbox() {
    }

    public static void enqueue(TenantSession session, String kind, UUID referenceId, String recipient) {
        session.sql().insertInto(table(name("mail_outbox")))
                .set(field(name("customer_id")), session.customerId())
                .set(field(name("id")), Ids.next())
                .set(field(name("kind")), kind)
                .set(field(name("reference_id")), referenceId)
                .set(field(name("recipient")), recipient)
                .execute();
    }
}
