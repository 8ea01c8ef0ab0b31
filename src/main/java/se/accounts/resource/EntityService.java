package se.accounts.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import se.accounts.db.Database;
import se.accounts.db.DatabaseErrors;
import se.accounts.db.Ids;
import se.accounts.db.TenantSession;
import se.accounts.json.Json;
import se.accounts.model.Change;
import se.accounts.model.Deletion;
import se.accounts.model.Entity;
import se.accounts.model.Errors;
import se.accounts.model.RowView;
import se.accounts.model.ServiceSettings;
import se.accounts.model.WriteHook;
import se.accounts.query.EntitySql;
import se.accounts.query.EntityStore;
import se.accounts.query.ListPlan;
import se.accounts.query.References;

/**
 * The generic operations every entity offers (get, create, update, delete, bulk write, list), driven entirely by
 * its declaration. Every operation runs in one transaction of the caller's customer, and every write passes the
 * same pipeline: lock and check the precondition, validate ({@link WriteValidator}), store ({@link EntityStore},
 * constraint violations becoming field errors through {@link ConstraintMessages}; an update that changes no value is
 * not stored), {@link WriteHook#afterWrite}.
 * A delete: lock, check, {@link WriteHook#beforeDelete}, delete (or the entity's {@link Deletion}). Besides the
 * entity's own hooks, every
 * write runs the hooks the service is configured with (the event log), before the entity's: the event of a change
 * precedes the events of what the entity's hooks do because of it. The fields' external checks run before the
 * transaction ({@link #prepare}), and their verdicts join the validation.
 */
public final class EntityService {
    public static final int MAX_BULK_ITEMS = 1000;
    private static final String NO_SUCH_ID = "Object with this id does not exist.";

    private final Entity entity;
    private final Database database;
    private final EntityStore store;
    private final EntitySql.Selection full;
    private final RowJson fullJson;
    private final WriteValidator validator;
    private final ListStreamer lists;
    private final int idPosition;
    private final List<References.Reference> incomingReferences;
    private final List<WriteHook> hooks;
    private final ExternalChecks externalChecks;

    /**
     * {@code configured}: hooks run before the entity's own, for what the declaration cannot know;
     * {@code settings}: what its fields' external checks are built from.
     */
    public EntityService(Entity entity, Database database, References references, List<WriteHook> configured,
                         ServiceSettings settings) {
        this.entity = entity;
        this.database = database;
        this.store = new EntityStore(entity);
        this.full = store.full();
        this.fullJson = new RowJson(full);
        this.validator = new WriteValidator(entity, store);
        this.lists = new ListStreamer(entity, full);
        this.idPosition = full.indexOf(entity.require(Entity.ID));
        this.incomingReferences = references.to(entity);
        this.hooks = Stream.concat(configured.stream(), entity.hooks().stream()).toList();
        this.externalChecks = new ExternalChecks(entity, settings);
    }

    public Entity entity() {
        return entity;
    }

    /** Whether {@link #prepare} does more than read the body: a field of the entity has an external check. */
    public boolean checksExternally() {
        return externalChecks.any();
    }

    public Optional<StoredObject> get(UUID customer, UUID id) {
        return database.forCustomer(customer, session -> store.fetchAndCommit(session, id,
                row -> new StoredObject(id, row.getLong(full.versionIndex() + 1), fullJson.toBytes(fullJson.read(row)))));
    }

    /**
     * Runs the external checks of the body of a create or update; call it before the write's transaction starts,
     * so that transaction never waits on them.
     */
    public WriteBody prepare(JsonNode body) {
        return externalChecks.run(body, body.isObject() ? List.of(body) : List.of());
    }

    /** {@link #prepare} for a bulk write; a body that {@link #bulkWrite} refuses as a whole is not checked. */
    public WriteBody prepareBulk(JsonNode body) {
        return externalChecks.run(body, body.isArray() && body.size() <= MAX_BULK_ITEMS ? body : List.of());
    }

    public StoredObject create(UUID customer, JsonNode body) {
        WriteBody prepared = prepare(body);
        return database.forCustomer(customer, session -> create(session, prepared));
    }

    /** Creates in the caller's transaction (which may store an Idempotency-Key's response with it). */
    public StoredObject create(TenantSession session, WriteBody body) {
        Errors errors = new Errors();
        UUID id = write(session, body.json(), body, Optional.empty(), Precondition.NONE, errors);
        throwIfAny(errors);
        return fetch(session, id);
    }

    public StoredObject update(UUID customer, UUID id, JsonNode body, Precondition precondition) {
        WriteBody prepared = prepare(body);
        return database.forCustomer(customer, session -> {
            Errors errors = new Errors();
            write(session, body, prepared, Optional.of(id), precondition, errors);
            throwIfAny(errors);
            return fetch(session, id);
        });
    }

    /**
     * Creates items without {@code id} and updates those with one; all or nothing, in the caller's transaction
     * (which may store an Idempotency-Key's response with it).
     */
    public List<StoredObject> bulkWrite(TenantSession session, WriteBody prepared) {
        JsonNode body = prepared.json();
        if (!body.isArray()) {
            throw ValidationException.of(ValidationException.NON_FIELD, "Expected a list of objects, got "
                    + Json.kindOf(body) + ".");
        }
        if (body.size() > MAX_BULK_ITEMS) {
            throw ValidationException.of(ValidationException.NON_FIELD, "At most " + MAX_BULK_ITEMS
                    + " items per request; got " + body.size() + ".");
        }
        List<UUID> ids = allAtOnce(session, body, prepared).orElseGet(() -> itemByItem(session, body, prepared));
        Map<UUID, StoredObject> byId = new HashMap<>();
        store.fetchAll(session, ids).forEach(row -> {
            StoredObject object = stored(row);
            byId.put(object.id(), object);
        });
        return ids.stream().map(byId::get).toList();
    }

    /**
     * Writes every item inside one savepoint, or none when any item fails (then empty). The common case of a bulk
     * write that succeeds costs one savepoint instead of one per item: two round trips instead of 2,000 for 1,000
     * items (and one subtransaction instead of 1,000).
     */
    private Optional<List<UUID>> allAtOnce(TenantSession session, JsonNode body, WriteBody prepared) {
        try {
            return Optional.of(session.savepoint(() -> {
                List<UUID> ids = new ArrayList<>();
                for (JsonNode item : body) {
                    Errors errors = new Errors();
                    Optional<UUID> existing = existingId(item, errors);
                    throwIfAny(errors);
                    ids.add(write(session, item, prepared, existing, Precondition.NONE, errors));
                    throwIfAny(errors);
                }
                return ids;
            }));
        } catch (ValidationException | NotFoundException anItemFailed) {
            return Optional.empty();
        }
    }

    /**
     * Writes the items one savepoint each, so that a failing item (also one the database refuses, which aborts
     * what it ran in) undoes only its own statements and every item's errors are found; then refuses the whole
     * write with them. Runs only after {@link #allAtOnce} found a failing item.
     */
    private List<UUID> itemByItem(TenantSession session, JsonNode body, WriteBody prepared) {
        List<Errors> itemErrors = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        boolean failed = false;
        for (JsonNode item : body) {
            Errors errors = new Errors();
            Optional<UUID> existing = existingId(item, errors);
            UUID id = null;
            if (errors.isEmpty()) {
                try {
                    id = session.savepoint(() -> {
                        UUID written = write(session, item, prepared, existing, Precondition.NONE, errors);
                        throwIfAny(errors);
                        return written;
                    });
                } catch (ValidationException itemRefused) {
                    // Its messages are in errors; the savepoint undid what the item wrote.
                } catch (NotFoundException noSuchObject) {
                    errors.add(Entity.ID, NO_SUCH_ID);
                }
            }
            failed |= !errors.isEmpty();
            itemErrors.add(errors);
            ids.add(id);
        }
        if (failed) {
            throw new BulkValidationException(itemErrors);
        }
        return ids;
    }

    public void delete(UUID customer, UUID id, Precondition precondition) {
        database.forCustomer(customer, session -> {
            if (entity.deletion().isPresent()) {
                deleteDeclared(session, id, precondition);
            } else {
                deleteRow(session, id, precondition);
            }
            return null;
        });
    }

    /** Streams the rows of a plan to {@code output}: a JSON array, or JSON Lines. */
    public void list(UUID customer, ListPlan plan, ListOutput output) {
        database.forCustomer(customer, session -> {
            lists.stream(session, plan, output);
            return null;
        });
    }

    /**
     * Validates and stores one object (creating when {@code existing} is empty; {@code prepared}: the body it is
     * part of). Problems go into {@code errors} and nothing is written; constraint violations the database reports
     * become field errors too.
     */
    private UUID write(TenantSession session, JsonNode body, WriteBody prepared, Optional<UUID> existing,
                       Precondition precondition, Errors errors) {
        RowView before = null;
        if (existing.isPresent()) {
            Record current = store.lock(session, existing.get()).orElseThrow(NotFoundException::new);
            checkPrecondition(precondition, current);
            before = storedView(current);
        }
        UUID id = existing.orElseGet(Ids::next);
        WriteValidator.Validated write = validator.validate(session, body, prepared, before, id, errors);
        if (!errors.isEmpty()) {
            return null;
        }
        Change change = Change.ofWrite(session, entity, id, before, write.after());
        try {
            if (before == null) {
                store.insert(session, id, write.writes().values());
            } else if (!change.changedFields().isEmpty()) {
                // Storing an update that changes nothing would raise the version: every other client's If-Match
                // would go stale although the object, and the event log, stayed the same.
                store.update(session, id, write.writes().values());
            }
        } catch (DataAccessException e) {
            errors.addAll(ConstraintMessages.of(entity, e, write.writes()));
            return null;
        }
        hooks.forEach(hook -> hook.afterWrite(change));
        return id;
    }

    private void deleteRow(TenantSession session, UUID id, Precondition precondition) {
        Record current = store.lock(session, id).orElseThrow(NotFoundException::new);
        checkPrecondition(precondition, current);
        List<String> referencedBy = store.referencesTo(session, id, incomingReferences);
        if (!referencedBy.isEmpty()) {
            throw ConstraintMessages.stillReferenced(entity, referencedBy);
        }
        Change change = Change.ofDelete(session, entity, id, storedView(current));
        hooks.forEach(hook -> hook.beforeDelete(change));
        try {
            store.delete(session, id);
        } catch (DataAccessException e) {
            if (DatabaseErrors.hasState(e, DatabaseErrors.FOREIGN_KEY_VIOLATION)) {
                throw ConstraintMessages.stillReferenced(entity, List.of("other objects"));
            }
            throw e;
        }
    }

    /** The entity's own DELETE ({@link Deletion}); no hook runs for it. */
    private void deleteDeclared(TenantSession session, UUID id, Precondition precondition) {
        entity.deletion().orElseThrow().delete(session, id, new Deletion.Outcome() {
            @Override
            public void checkVersion(long version) {
                if (!precondition.allows(version)) {
                    throw new PreconditionFailedException(Precondition.etagOf(version));
                }
            }

            @Override
            public RuntimeException notFound() {
                return new NotFoundException();
            }

            @Override
            public RuntimeException refused(String message) {
                return ValidationException.of(ValidationException.NON_FIELD, message);
            }
        });
    }

    private StoredObject fetch(TenantSession session, UUID id) {
        return store.fetch(session, id).map(this::stored).orElseThrow();
    }

    private StoredObject stored(Record row) {
        UUID id = (UUID) row.get(idPosition);
        return new StoredObject(id, row.get(full.versionIndex(), Long.class), fullJson.toBytes(row));
    }

    private RowView storedView(Record current) {
        return name -> {
            int index = full.indexOf(entity.require(name));
            return index < 0 ? null : current.get(index);
        };
    }

    private void checkPrecondition(Precondition precondition, Record current) {
        long version = current.get(full.versionIndex(), Long.class);
        if (!precondition.allows(version)) {
            throw new PreconditionFailedException(Precondition.etagOf(version));
        }
    }

    private static Optional<UUID> existingId(JsonNode item, Errors errors) {
        if (!item.isObject() || !item.has(Entity.ID)) {
            return Optional.empty();
        }
        Optional<UUID> id = item.get(Entity.ID).isTextual() ? Ids.parse(item.get(Entity.ID).textValue())
                : Optional.empty();
        if (id.isEmpty()) {
            errors.add(Entity.ID, NO_SUCH_ID);
        }
        return id;
    }

    private static void throwIfAny(Errors errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
