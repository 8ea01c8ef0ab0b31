package se.accounts.events;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;
import org.jooq.Record;
import se.accounts.db.Ids;
import se.accounts.db.TenantSession;
import se.accounts.model.Attribute;
import se.accounts.model.Change;
import se.accounts.model.Entity;
import se.accounts.model.FieldType;
import se.accounts.model.RowView;
import se.accounts.model.WriteHook;

/**
 * The one place that writes the event log (contract 10.1). As a {@link WriteHook} of every entity it records the
 * generic writes (created, updated with the changed field names, deleted with what the delete cascades to,
 * anonymized); the invitation flows, which are not generic writes, record theirs through the static methods.
 * Events are collected in the transaction ({@link PendingEvents}) and written just before COMMIT, so a transaction
 * or a bulk item's savepoint that fails writes none. Entities declared {@code withoutEvents()} produce none.
 */
public final class EventWriter implements WriteHook {
    public static final String CREATED = "instancecreated";
    public static final String UPDATED = "instanceupdated";
    public static final String DELETED = "instancedeleted";
    public static final String ANONYMIZED = "anonymized";
    private static final String CUSTOM_ID = "custom_id";

    private final List<Entity> catalog;

    /** {@code catalog}: every entity, to find what a delete changes besides the deleted object. */
    public EventWriter(List<Entity> catalog) {
        this.catalog = List.copyOf(catalog);
    }

    @Override
    public void afterWrite(Change change) {
        if (!change.entity().hasEvents()) {
            return;
        }
        if (change.before() == null) {
            created(change.session(), change.entity(), change.id(), change.after());
            return;
        }
        updated(change.session(), change.entity(), change.id(), change.after(), change.changedFields());
        if (change.anonymizes()) {
            anonymized(change.session(), change.entity(), change.id());
        }
    }

    /**
     * Before the row is deleted: its event, and those of the objects the delete changes, which the foreign keys'
     * cascades would otherwise change silently (users losing a deleted external client, a deleted user's
     * invitations). An entity with its own deletion (revoking an invitation) records its own event.
     */
    @Override
    public void beforeDelete(Change change) {
        deleted(change.session(), change.entity(), change.id(), change.before());
    }

    private void deleted(TenantSession session, Entity entity, UUID id, RowView object) {
        if (!entity.hasEvents()) {
            return;
        }
        record(session, entity, id, customId(entity, object), DELETED, "{}");
        for (Entity source : catalog) {
            for (Attribute attribute : source.attributes()) {
                if (attribute.target() != entity) {
                    continue;
                }
                if (attribute.type() == FieldType.TO_MANY) {
                    linkedOwners(session, source, attribute, id).forEach(owner -> updated(session, source,
                            owner.get(0, UUID.class), field -> owner.get(1), List.of(attribute.name())));
                } else if (attribute.type() == FieldType.TO_ONE && attribute.isDeletedWithTarget()) {
                    referencing(session, source, attribute, id).forEach(row -> deleted(session, source,
                            row.get(0, UUID.class), field -> row.get(1)));
                }
            }
        }
    }

    public static void created(TenantSession session, Entity entity, UUID id, RowView object) {
        record(session, entity, id, customId(entity, object), CREATED, "{}");
    }

    /** An update that changed {@code changedFields}; none when nothing changed. */
    public static void updated(TenantSession session, Entity entity, UUID id, RowView object,
                               List<String> changedFields) {
        if (changedFields.isEmpty()) {
            return;
        }
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        changedFields.forEach(context.putArray("changed")::add);
        record(session, entity, id, customId(entity, object), UPDATED, context.toString());
    }

    /** The object was anonymized: its event, and no event about it keeps its custom_id. */
    private static void anonymized(TenantSession session, Entity entity, UUID id) {
        record(session, entity, id, null, ANONYMIZED, "{}");
        pending(session).forgetCustomId(id);
        session.sql().execute("update event_log set custom_id = null where customer_id = ? and object_id = ?"
                + " and custom_id is not null", session.customerId(), id);
    }

    /** Something other than a plain create, update or delete: {@code <content type>.<what>}. */
    public static void happened(TenantSession session, Entity entity, UUID id, String what) {
        record(session, entity, id, null, what, "{}");
    }

    /** The changes of this transaction are made by a user (accepting an invitation), not by an integration. */
    public static void initiatedByUser(TenantSession session, UUID userId) {
        pending(session).initiatedByUser(userId);
    }

    private static void record(TenantSession session, Entity entity, UUID id, String customId, String what,
                               String context) {
        if (!entity.hasEvents()) {
            return;
        }
        pending(session).add(new Event(Ids.next(), entity.contentType(), entity.contentType() + "." + what, id,
                customId, context, Initiator.current().orElse(null)));
    }

    private static PendingEvents pending(TenantSession session) {
        return session.state(PendingEvents.class, PendingEvents::new);
    }

    private static String customId(Entity entity, RowView object) {
        return entity.attribute(CUSTOM_ID).isPresent() && object != null && object.get(CUSTOM_ID) instanceof String
                value ? value : null;
    }

    /** Owners of {@code attribute} links to {@code target}: id, and custom_id when the owner has one. */
    private static List<Record> linkedOwners(TenantSession session, Entity owner, Attribute attribute, UUID target) {
        return session.sql().resultQuery("select o.id, " + customIdColumn(owner, "o") + " from {0} o join {1} l"
                        + " on l.customer_id = o.customer_id and l.{2} = o.id"
                        + " where l.customer_id = {3} and l.{4} = {5}",
                name(owner.table()), name(attribute.link().table()), name(attribute.link().ownerColumn()),
                val(session.customerId()), name(attribute.link().targetColumn()), val(target)).fetch();
    }

    private static List<Record> referencing(TenantSession session, Entity source, Attribute attribute, UUID target) {
        return session.sql().resultQuery("select s.id, " + customIdColumn(source, "s") + " from {0} s"
                        + " where s.customer_id = {1} and s.{2} = {3}",
                name(source.table()), val(session.customerId()), name(attribute.column()), val(target)).fetch();
    }

    private static String customIdColumn(Entity entity, String alias) {
        return entity.attribute(CUSTOM_ID).isPresent() ? alias + "." + CUSTOM_ID : "null::text";
    }
}
