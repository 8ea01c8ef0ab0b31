package se.accounts.resource;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Cursor;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import se.accounts.db.Database;
import se.accounts.db.DatabaseErrors;
import se.accounts.db.Ids;
import se.accounts.db.TenantSession;
import se.accounts.events.EventWriter;
import se.accounts.query.EntitySql;
import se.accounts.query.ListPlan;
import se.accounts.query.ListSql;
import se.accounts.resource.model.Attribute;
import se.accounts.resource.model.Entity;
import se.accounts.resource.model.EntityRule;
import se.accounts.resource.model.FieldType;
import se.accounts.resource.model.LinkTable;
import se.accounts.resource.model.RowView;
import se.accounts.resource.model.UniqueConstraint;
import se.accounts.resource.model.ValueRule;

/**
 * The generic operations every entity offers (get, create, update, delete, bulk write, list), driven entirely by
 * its declaration. Every operation runs in one transaction of the caller's customer.
 */
public final class EntityService {
    public static final int MAX_BULK_ITEMS = 1000;
    private static final String NO_SUCH_ID = "Object with this id does not exist.";
    /** Rows fetched per round trip while streaming; with autocommit off PostgreSQL then uses a cursor. */
    private static final int FETCH_SIZE = 500;

    private final Entity entity;
    private final Database database;
    private final Table<?> table;
    private final EntitySql.Selection full;
    private final EntitySql.Selection slim;
    private final int idPosition;
    private final List<References.Reference> incomingReferences;
    private final Optional<AnonymizationStep> anonymization;
    private final EventWriter events;
    private final List<AnonymizationListener> anonymizationListeners = new ArrayList<>();
    private final List<EntityRule> configuredRules = new ArrayList<>();
    private Deletion deletion = this::deleteRow;

    /**
     * What {@code DELETE} does when it is not removing the row (revoking an invitation, say). It runs in the
     * caller's transaction, finds and locks the object itself (throwing {@link NotFoundException}) and honours the
     * precondition.
     */
    @FunctionalInterface
    public interface Deletion {
        void delete(TenantSession session, UUID id, Precondition precondition);
    }

    /** Work that must happen in the transaction that anonymizes an object (revoking its invitations, say). */
    @FunctionalInterface
    public interface AnonymizationListener {
        void anonymized(TenantSession session, UUID id);
    }

    public EntityService(Entity entity, Database database, References references, EventWriter events) {
        this.entity = entity;
        this.database = database;
        this.table = EntitySql.table(entity);
        this.full = EntitySql.selection(entity, entity.attributes());
        this.slim = EntitySql.selection(entity, entity.slimAttributes());
        this.idPosition = full.indexOf(entity.require(BodyReader.ID));
        this.incomingReferences = references.to(entity);
        this.anonymization = entity.anonymization().map(declaration -> new AnonymizationStep(entity, declaration));
        this.events = events;
    }

    public void onAnonymized(AnonymizationListener listener) {
        anonymizationListeners.add(listener);
    }

    /** A rule over the object that depends on configuration (a webhook's address rule), checked like the entity's. */
    public void alsoCheck(EntityRule rule) {
        configuredRules.add(rule);
    }

    public void deleteWith(Deletion custom) {
        this.deletion = custom;
    }

    public Entity entity() {
        return entity;
    }

    public Optional<StoredObject> get(UUID customer, UUID id) {
        return database.forCustomer(customer, session -> fetch(session, id));
    }

    public StoredObject create(UUID customer, JsonNode body) {
        return database.forCustomer(customer, session -> {
            FieldErrors errors = new FieldErrors();
            UUID id = write(session, body, Optional.empty(), Precondition.NONE, errors);
            errors.throwIfAny();
            return fetch(session, id).orElseThrow();
        });
    }

    public StoredObject update(UUID customer, UUID id, JsonNode body, Precondition precondition) {
        return database.forCustomer(customer, session -> {
            FieldErrors errors = new FieldErrors();
            write(session, body, Optional.of(id), precondition, errors);
            errors.throwIfAny();
            return fetch(session, id).orElseThrow();
        });
    }

    /** Creates items without {@code id} and updates those with one; all or nothing. */
    public List<StoredObject> bulkWrite(UUID customer, JsonNode body) {
        if (!body.isArray()) {
            throw ValidationException.of(ValidationException.NON_FIELD, "Expected a list of objects, got "
                    + BodyReader.kind(body) + ".");
        }
        if (body.size() > MAX_BULK_ITEMS) {
            throw ValidationException.of(ValidationException.NON_FIELD, "At most " + MAX_BULK_ITEMS
                    + " items per request; got " + body.size() + ".");
        }
        return database.forCustomer(customer, session -> {
            List<Map<String, List<String>>> itemErrors = new ArrayList<>();
            List<UUID> ids = new ArrayList<>();
            boolean failed = false;
            for (JsonNode item : body) {
                FieldErrors errors = new FieldErrors();
                Optional<UUID> existing = existingId(item, errors);
                UUID id = null;
                if (errors.isEmpty()) {
                    try {
                        id = session.savepoint(() -> {
                            UUID written = write(session, item, existing, Precondition.NONE, errors);
                            if (!errors.isEmpty()) {
                                throw new ValidationException(errors.asMap());
                            }
                            return written;
                        });
                    } catch (ValidationException itemRefused) {
                        // Its messages are in errors; the savepoint undid what the item wrote.
                    } catch (NotFoundException noSuchObject) {
                        errors.add(BodyReader.ID, NO_SUCH_ID);
                    }
                }
                failed |= !errors.isEmpty();
                itemErrors.add(errors.asMap());
                ids.add(id);
            }
            if (failed) {
                throw new BulkValidationException(itemErrors);
            }
            return fetchAll(session, ids);
        });
    }

    public void delete(UUID customer, UUID id, Precondition precondition) {
        database.forCustomer(customer, session -> {
            deletion.delete(session, id, precondition);
            return null;
        });
    }

    private void deleteRow(TenantSession session, UUID id, Precondition precondition) {
        Record current = lock(session, id);
        checkPrecondition(precondition, current);
        List<String> referencedBy = referencesTo(session, id);
        if (!referencedBy.isEmpty()) {
            throw stillReferenced(referencedBy);
        }
        events.deleted(session, entity, id, storedView(current));
        try {
            session.sql().deleteFrom(table).where(session.owns(table)).and(EntitySql.id(entity).eq(id)).execute();
        } catch (DataAccessException e) {
            if (DatabaseErrors.hasState(e, DatabaseErrors.FOREIGN_KEY_VIOLATION)) {
                throw stillReferenced(List.of("other objects"));
            }
            throw e;
        }
    }

    /** Streams the rows of a plan to {@code output}: a JSON array, or JSON Lines. */
    public void list(UUID customer, ListPlan plan, ListOutput output) {
        database.forCustomer(customer, session -> {
            Optional<Long> total = plan.statistics() ? Optional.of(ListSql.count(session, plan)) : Optional.empty();
            EntitySql.Selection selection = plan.slim() ? slim : full;
            if (plan.page().map(page -> page.size() == 0).orElse(false)) {
                OutputStream out = output.begin(total);
                out.write(plan.jsonl() ? new byte[0] : "[]".getBytes(StandardCharsets.UTF_8));
                out.close();
                return null;
            }
            try (Cursor<Record> cursor = ListSql.rows(session, plan, selection).fetchSize(FETCH_SIZE).fetchLazy();
                 JsonGenerator json = Json.MAPPER.getFactory().createGenerator(output.begin(total))) {
                json.setRootValueSeparator(null);
                if (!plan.jsonl()) {
                    json.writeStartArray();
                }
                for (Record row : cursor) {
                    ObjectJson.write(json, selection, row);
                    if (plan.jsonl()) {
                        json.writeRaw('\n');
                    }
                }
                if (!plan.jsonl()) {
                    json.writeEndArray();
                }
            }
            return null;
        });
    }

    private Optional<StoredObject> fetch(TenantSession session, UUID id) {
        return session.sql().select(full.fields()).from(table).where(session.owns(table))
                .and(EntitySql.id(entity).eq(id)).fetchOptional().map(this::stored);
    }

    private List<StoredObject> fetchAll(TenantSession session, List<UUID> ids) {
        Map<UUID, StoredObject> byId = new HashMap<>();
        session.sql().select(full.fields()).from(table).where(session.owns(table))
                .and(EntitySql.id(entity).in(ids)).fetch().forEach(row -> {
                    StoredObject object = stored(row);
                    byId.put(object.id(), object);
                });
        return ids.stream().map(byId::get).toList();
    }

    private StoredObject stored(Record row) {
        UUID id = (UUID) row.get(idPosition);
        return new StoredObject(id, row.get(full.versionIndex(), Long.class), ObjectJson.toBytes(full, row));
    }

    private Record lock(TenantSession session, UUID id) {
        return session.sql().select(full.fields()).from(table).where(session.owns(table))
                .and(EntitySql.id(entity).eq(id)).forUpdate().fetchOptional()
                .orElseThrow(NotFoundException::new);
    }

    private void checkPrecondition(Precondition precondition, Record current) {
        long version = current.get(full.versionIndex(), Long.class);
        if (!precondition.allows(version)) {
            throw new PreconditionFailedException(Precondition.etagOf(version));
        }
    }

    private Optional<UUID> existingId(JsonNode item, FieldErrors errors) {
        if (!item.isObject() || !item.has(BodyReader.ID)) {
            return Optional.empty();
        }
        Optional<UUID> id = item.get(BodyReader.ID).isTextual() ? Ids.parse(item.get(BodyReader.ID).textValue())
                : Optional.empty();
        if (id.isEmpty()) {
            errors.add(BodyReader.ID, NO_SUCH_ID);
        }
        return id;
    }

    /**
     * Validates and stores one object (creating when {@code existing} is empty). Problems go into {@code errors}
     * and nothing is written; constraint violations the database reports become field errors too.
     */
    private UUID write(TenantSession session, JsonNode body, Optional<UUID> existing, Precondition precondition,
                       FieldErrors errors) {
        Record current = null;
        if (existing.isPresent()) {
            current = lock(session, existing.get());
            checkPrecondition(precondition, current);
        }
        boolean creating = existing.isEmpty();
        WriteSet writes = BodyReader.read(entity, body, creating, errors);
        RowView stored = current == null ? null : storedView(current);
        boolean anonymizing = anonymization.isPresent()
                && anonymization.get().apply(writes, stored, existing.orElse(null), errors);
        RowView row = rowView(writes, stored);
        validate(session, writes, row, creating, existing, errors);
        if (!errors.isEmpty()) {
            return null;
        }
        UUID id;
        try {
            id = creating ? insert(session, writes) : update(session, existing.get(), writes);
        } catch (DataAccessException e) {
            errors.addAll(violation(e, writes));
            return null;
        }
        if (creating) {
            events.created(session, entity, id, row);
        } else {
            events.updated(session, entity, id, row, ChangedFields.between(writes, stored));
        }
        if (anonymizing) {
            events.anonymized(session, entity, id);
            anonymizationListeners.forEach(listener -> listener.anonymized(session, id));
        }
        return id;
    }

    private RowView storedView(Record current) {
        return name -> {
            int index = full.indexOf(entity.require(name));
            return index < 0 ? null : current.get(index);
        };
    }

    /** The object as it will be after the write: the request's values over the stored ones. */
    private RowView rowView(WriteSet writes, RowView stored) {
        return name -> {
            Attribute attribute = entity.require(name);
            if (writes.has(attribute)) {
                return writes.get(attribute);
            }
            return stored == null ? null : stored.get(name);
        };
    }

    /**
     * Value rules run over the whole resulting object, not only the written fields, because a rule may depend on
     * another field (changing the coordination-number flag re-checks the stored personal identity number). They
     * skip fields whose value could not be read, and rules over several fields wait until every field is valid, so
     * one answer names every problem without follow-on errors.
     */
    private void validate(TenantSession session, WriteSet writes, RowView row, boolean creating,
                          Optional<UUID> existing, FieldErrors errors) {
        for (Attribute attribute : entity.attributes()) {
            Object value = row.get(attribute.name());
            if (value == null || errors.has(attribute.name())) {
                continue;
            }
            for (ValueRule rule : attribute.rules()) {
                rule.check(value, row).ifPresent(message -> errors.add(attribute.name(), message));
            }
            if (attribute.forbidsCycles() && existing.isPresent() && writes.has(attribute)
                    && wouldCycle(session, attribute, existing.get(), (UUID) value)) {
                errors.add(attribute.name(), "This would make the " + entity.singular()
                        + " its own ancestor; choose one that is not below it.");
            }
        }
        if (!errors.isEmpty() || isAnonymized(row)) {
            return;
        }
        for (EntityRule rule : entity.rules()) {
            errors.addAll(rule.check(row, creating));
        }
        for (EntityRule rule : configuredRules) {
            errors.addAll(rule.check(row, creating));
        }
    }

    /** Entity rules (such as "at least one name") do not apply to anonymized objects. */
    private boolean isAnonymized(RowView row) {
        return entity.anonymization().map(declaration -> Boolean.TRUE.equals(row.get(declaration.flagField())))
                .orElse(false);
    }

    /** Whether following {@code attribute} upwards from {@code newParent} reaches {@code self}. */
    private boolean wouldCycle(TenantSession session, Attribute attribute, UUID self, UUID newParent) {
        if (self.equals(newParent)) {
            return true;
        }
        return Boolean.TRUE.equals(session.sql().resultQuery(
                "with recursive ancestors(id, depth) as ("
                        + " select {0}::uuid, 0"
                        + " union all"
                        + " select t.{1}, a.depth + 1 from {2} t join ancestors a on t.id = a.id"
                        + " where t.customer_id = {3} and t.{1} is not null and a.depth < 10000)"
                        + " select exists(select 1 from ancestors where id = {4})",
                val(newParent), name(attribute.column()), name(entity.table()),
                val(session.customerId()), val(self)).fetchOne(0, Boolean.class));
    }

    private UUID insert(TenantSession session, WriteSet writes) {
        UUID id = Ids.next();
        Map<Field<?>, Object> columns = new LinkedHashMap<>();
        columns.put(EntitySql.customerId(entity), session.customerId());
        columns.put(EntitySql.id(entity), id);
        columns.putAll(scalarColumns(writes));
        session.sql().insertInto(table).set(columns).execute();
        writeLinks(session, id, writes, false);
        return id;
    }

    private UUID update(TenantSession session, UUID id, WriteSet writes) {
        Map<Field<?>, Object> columns = scalarColumns(writes);
        columns.put(EntitySql.version(entity), EntitySql.version(entity).plus(1));
        session.sql().update(table).set(columns).where(session.owns(table)).and(EntitySql.id(entity).eq(id))
                .execute();
        writeLinks(session, id, writes, true);
        return id;
    }

    private Map<Field<?>, Object> scalarColumns(WriteSet writes) {
        Map<Field<?>, Object> columns = new LinkedHashMap<>();
        writes.values().forEach((attribute, value) -> {
            if (attribute.type().hasColumn()) {
                columns.put(field(name(attribute.column())), value);
            }
        });
        return columns;
    }

    @SuppressWarnings("unchecked")
    private void writeLinks(TenantSession session, UUID owner, WriteSet writes, boolean replace) {
        writes.values().forEach((attribute, value) -> {
            if (attribute.type() != FieldType.TO_MANY) {
                return;
            }
            LinkTable link = attribute.link();
            Table<?> linkTable = EntitySql.linkTable(link);
            Field<UUID> ownerColumn = EntitySql.linkColumn(link, link.ownerColumn());
            if (replace) {
                session.sql().deleteFrom(linkTable).where(session.owns(linkTable)).and(ownerColumn.eq(owner))
                        .execute();
            }
            List<UUID> targets = value == null ? List.of() : (List<UUID>) value;
            if (targets.isEmpty()) {
                return;
            }
            var insert = session.sql().insertInto(linkTable, field(name("customer_id"), UUID.class),
                    field(name(link.ownerColumn()), UUID.class), field(name(link.targetColumn()), UUID.class));
            for (UUID target : targets) {
                insert = insert.values(session.customerId(), owner, target);
            }
            insert.execute();
        });
    }

    private Map<String, List<String>> violation(DataAccessException failure, WriteSet writes) {
        Optional<String> constraint = DatabaseErrors.violatedConstraint(failure);
        if (constraint.isPresent() && DatabaseErrors.hasState(failure, DatabaseErrors.UNIQUE_VIOLATION)) {
            for (UniqueConstraint unique : entity.uniques()) {
                if (unique.constraintName().equals(constraint.get())) {
                    return Map.of(unique.field(), List.of(capitalized(entity.singular()) + " with this "
                            + unique.field().replace('_', ' ') + " already exists."));
                }
            }
        }
        if (constraint.isPresent() && DatabaseErrors.hasState(failure, DatabaseErrors.FOREIGN_KEY_VIOLATION)) {
            for (Attribute attribute : writes.values().keySet()) {
                if ((attribute.type() == FieldType.TO_ONE || attribute.type() == FieldType.TO_MANY)
                        && attribute.foreignKeyName(entity).equals(constraint.get())) {
                    return Map.of(attribute.name(), List.of("Invalid reference: no " + attribute.target()
                            .singular() + " with the given id exists."));
                }
            }
        }
        throw failure;
    }

    private List<String> referencesTo(TenantSession session, UUID id) {
        List<String> referencedBy = new ArrayList<>();
        for (References.Reference reference : incomingReferences) {
            Table<?> source = EntitySql.table(reference.source());
            int count = session.sql().fetchCount(session.sql().selectOne().from(source)
                    .where(session.owns(source))
                    .and(EntitySql.column(reference.source(), reference.attribute()).eq(id)));
            if (count > 0) {
                referencedBy.add(count + " " + (count == 1 ? reference.source().singular()
                        : reference.source().plural()));
            }
        }
        return referencedBy;
    }

    private ValidationException stillReferenced(List<String> referencedBy) {
        return ValidationException.of(ValidationException.NON_FIELD, "This " + entity.singular()
                + " is still referenced by " + String.join(", ", referencedBy)
                + "; change or delete those first.");
    }

    private static String capitalized(String text) {
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
