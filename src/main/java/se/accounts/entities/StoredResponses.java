package se.accounts.entities;

import java.util.UUID;
import se.accounts.model.Change;
import se.accounts.model.WriteHook;

/**
 * Responses stored for Idempotency-Key replays show personal data. Declared with every anonymizable entity: the
 * transaction that anonymizes or deletes an object forgets each stored response that shows it, leaving status
 * {@code 410} (which the replay explains) and the key used, so a retry cannot create the person again.
 */
final class StoredResponses {
    static final WriteHook FORGOTTEN_WITH_ANONYMIZATION_OR_DELETION = new WriteHook() {
        @Override
        public void afterWrite(Change change) {
            if (change.anonymizes()) {
                forget(change);
            }
        }

        @Override
        public void beforeDelete(Change change) {
            forget(change);
        }
    };

    private StoredResponses() {
    }

    private static void forget(Change change) {
        change.session().sql().execute("update idempotency_key set status = 410, response_body = ''::bytea,"
                        + " response_etag = null, object_ids = '{}' where customer_id = ? and object_ids @> ?",
                change.session().customerId(), new UUID[] {change.id()});
    }
}
