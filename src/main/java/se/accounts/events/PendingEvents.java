package se.accounts.events;

import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import se.accounts.db.EventLogMeters;
import se.accounts.db.TenantSession;

/**
 * The events one transaction has produced so far, written to the event log as the transaction's last statements
 * before COMMIT.
 *
 * <p><b>The sync guarantee</b> (contract 10.1: a client reading {@code sequence__gt=<last>&_order_by=sequence}
 * never misses or repeats an event) needs every event with a smaller sequence to be visible no later than one with
 * a larger sequence. A plain database sequence does not give that: a transaction that took number 5 may commit
 * after one that took 6, and a reader that saw 6 would never ask for 5 again. So the numbers come from a
 * per-customer counter row ({@code event_counter}), and they are taken at the very end of the transaction: the
 * row lock is held from there until COMMIT, so the next writer of that customer gets its numbers only after this
 * transaction is visible, and sequences become visible in order. (PostgreSQL makes a transaction visible before
 * it releases its locks.)
 *
 * <p>Why at the end and not at the first change: a writer holding the counter while it goes on locking user rows
 * would deadlock with a writer holding one of those rows and waiting for the counter; taken last, the lock waits
 * for nothing but COMMIT. It also bounds the serialization to the few milliseconds of that last step: concurrent
 * writers of one customer still validate and write their rows in parallel. Buffering also makes the events of a
 * bulk write of 1000 users one counter update and one insert rather than 2000 round trips (benchmark W4: 35 ms of
 * a 0.52 s bulk write, bench/results/2026-11-30-fac6edb.md). The two statements are not folded into one (a CTE): with one writer that measured the
 * same, 0.77-0.90 against 0.88-0.97 ms per create. The alternative, visibility bounded by
 * the oldest running transaction ({@code pg_snapshot_xmin}), needs no lock but holds back every customer's events
 * behind any long transaction of the whole database, and needs a special predicate in every sync read.
 */
final class PendingEvents implements TenantSession.TransactionState {
    private final List<Event> events = new ArrayList<>();
    private UUID initiatingUser;

    void add(Event event) {
        events.add(event);
    }

    void initiatedByUser(UUID userId) {
        initiatingUser = userId;
    }

    /** Events of this transaction about {@code objectId} no longer carry its custom_id (anonymization). */
    void forgetCustomId(UUID objectId) {
        events.replaceAll(event -> event.objectId().equals(objectId) ? event.withoutCustomId() : event);
    }

    @Override
    public int mark() {
        return events.size();
    }

    @Override
    public void rollbackTo(int mark) {
        events.subList(mark, events.size()).clear();
    }

    /**
     * Writes the events, timed: {@code accounts_events_write_seconds} is what the event log adds to a writing
     * transaction (both statements and the wait for the counter row), the benchmark's W4.
     */
    @Override
    public void beforeCommit(TenantSession session) {
        if (events.isEmpty()) {
            return;
        }
        EventLogMeters meters = session.eventLogMeters();
        Timer.Sample started = Timer.start();
        int count = events.size();
        write(session, count);
        started.stop(meters.write());
        meters.written().increment(count);
        events.clear();
    }

    private void write(TenantSession session, int count) {
        long last = session.sql().fetchSingle("insert into event_counter (customer_id, last_sequence) values (?, ?)"
                        + " on conflict (customer_id) do update"
                        + " set last_sequence = event_counter.last_sequence + excluded.last_sequence"
                        + " returning last_sequence", session.customerId(), (long) count)
                .get(0, Long.class);
        UUID[] ids = new UUID[count];
        Long[] sequences = new Long[count];
        String[] contentTypes = new String[count];
        String[] identifiers = new String[count];
        UUID[] objectIds = new UUID[count];
        String[] customIds = new String[count];
        String[] contexts = new String[count];
        UUID[] integrations = new UUID[count];
        UUID[] users = new UUID[count];
        for (int i = 0; i < count; i++) {
            Event event = events.get(i);
            ids[i] = event.id();
            sequences[i] = last - count + 1 + i;
            contentTypes[i] = event.contentType();
            identifiers[i] = event.identifier();
            objectIds[i] = event.objectId();
            customIds[i] = event.customId();
            contexts[i] = event.context();
            integrations[i] = event.integration();
            users[i] = initiatingUser;
        }
        // One statement whatever the count (a delete may change thousands of objects); arrays, because a VALUES
        // list would run into the protocol's limit of 32767 parameters.
        session.sql().execute("insert into event_log (customer_id, id, sequence, content_type, event_identifier,"
                        + " object_id, custom_id, event_context, triggered_by_integration_id,"
                        + " triggered_by_organization_user_id)"
                        + " select ?, e.* from unnest(?::uuid[], ?::bigint[], ?::text[], ?::text[], ?::uuid[],"
                        + " ?::text[], ?::jsonb[], ?::uuid[], ?::uuid[]) as e",
                session.customerId(), ids, sequences, contentTypes, identifiers, objectIds, customIds, contexts,
                integrations, users);
    }
}
