package se.accounts.http;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import se.accounts.db.Database;
import se.accounts.db.TenantSession;
import se.accounts.db.TenantWork;
import se.accounts.json.Json;
import se.accounts.tenancy.Caller;

/**
 * {@code Idempotency-Key} on POSTs, per activation and kept in PostgreSQL so every instance sees it (contract 5).
 *
 * <p>Everything happens in the write's own transaction, so a commit stores both the write and its response or
 * neither, and no crash can come between them. The transaction first takes a transaction-scoped advisory lock on
 * the key: when another transaction holds it, the first request is still running and this one is {@code 409}; the
 * lock ends with its transaction, also when the instance holding it dies, so a key is never left "running". With
 * the lock held, a stored response of the last 24 hours is replayed (or {@code 422} for another body, compared as
 * parsed JSON); otherwise the work runs and its response is inserted before the commit. A request that fails
 * (4xx or 5xx) rolls back and stores nothing, so the corrected retry can run. A write with work to do before its
 * transaction may first read a stored response without the lock ({@link #earlier}), to replay it without that work.
 *
 * <p>A response shows personal data, so it records the ids of the objects it holds, and the transaction that
 * anonymizes or deletes one of them forgets it, leaving status {@code 410} (a {@code WriteHook} declared with the
 * entity, {@code entities.StoredResponses}); the key stays used, so a retry cannot create the person again.
 * {@link IdempotencyPurge} deletes responses past the key's lifetime.
 */
final class IdempotencyKeys {
    static final int MAX_KEY_LENGTH = 255;
    static final Duration RETENTION = Duration.ofHours(24);

    static final Table<?> KEYS = table(name("idempotency_key"));
    private static final Field<UUID> CUSTOMER = field(name("customer_id"), SQLDataType.UUID);
    private static final Field<UUID> ACTIVATION = field(name("activation_id"), SQLDataType.UUID);
    private static final Field<String> KEY = field(name("key"), SQLDataType.VARCHAR);
    private static final Field<String> HASH = field(name("request_hash"), SQLDataType.VARCHAR);
    private static final Field<Integer> STATUS = field(name("status"), SQLDataType.INTEGER);
    private static final Field<byte[]> BODY = field(name("response_body"), SQLDataType.BLOB);
    private static final Field<String> ETAG = field(name("response_etag"), SQLDataType.VARCHAR);
    private static final Field<UUID[]> OBJECT_IDS = field(name("object_ids"), SQLDataType.UUID.array());
    static final Field<OffsetDateTime> CREATED = field(name("created_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    private static final Field<Boolean> EXPIRED = DSL.field(expired()).as("expired");
    /** What {@code entities.StoredResponses} leaves of a response showing an object since anonymized or deleted. */
    private static final int GONE = 410;
    private static final byte[] ANONYMIZED = Json.write(Map.of("detail", "The response to this Idempotency-Key"
            + " showed an object that has since been anonymized or deleted, so it is no longer kept; the request was"
            + " not repeated. Read the object to see its current state.")).getBytes(StandardCharsets.UTF_8);

    private final Database database;
    private final TestHookPause pause;

    IdempotencyKeys(Database database) {
        this.database = database;
        this.pause = TestHookPause.fromEnvironment();
    }

    /**
     * A POST as its key sees it: the caller, the key (null without the header) and the hash of what it asks,
     * computed once for both {@link #earlier} and {@link #run}.
     */
    record Request(Caller caller, String key, String hash) {
    }

    /**
     * The request's key (none: no key), its length checked and its body hashed. A key on more than one header line is
     * refused: which one a proxy or a retrying client takes is not ours to guess, and replaying the response stored
     * under the other would answer a different request.
     */
    static Request request(Caller caller, Context ctx, JsonNode body) {
        if (Headers.repeated(ctx, Headers.IDEMPOTENCY_KEY)) {
            throw ApiError.badRequest(Headers.IDEMPOTENCY_KEY, "Sent more than once; send one key.");
        }
        String key = ctx.header(Headers.IDEMPOTENCY_KEY);
        if (key == null) {
            return new Request(caller, null, null);
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ApiError.badRequest(Headers.IDEMPOTENCY_KEY, "Must be 1 to " + MAX_KEY_LENGTH + " characters.");
        }
        return new Request(caller, key, hash(ctx.method() + " " + ctx.path() + "\n" + Json.canonical(body)));
    }

    /** Runs {@code work} in one transaction of the caller's customer, honouring the request's key if it has one. */
    JsonResponse run(Request request, TenantWork<JsonResponse> work) {
        Caller caller = request.caller();
        String key = request.key();
        if (key == null) {
            return database.forCustomer(caller.customerId(), work);
        }
        Outcome outcome = database.forCustomer(caller.customerId(), session -> {
            lock(session, caller, key);
            Record stored = stored(session, caller, key);
            if (stored != null) {
                return new Outcome(replay(stored, request.hash()), true);
            }
            JsonResponse fresh = work.run(session);
            pause.at(TestHookPause.Point.BEFORE_STORE);
            store(session, caller, key, request.hash(), fresh);
            return new Outcome(fresh, false);
        });
        if (!outcome.replayed()) {
            pause.at(TestHookPause.Point.AFTER_COMMIT);
        }
        return outcome.response();
    }

    private record Outcome(JsonResponse response, boolean replayed) {
    }

    /**
     * The response {@link #run} would replay for the request's key now, read without the key's lock: lets a write
     * skip what it does before its transaction (an external check, such as a DNS lookup) when a replay would not use
     * it. A key without a stored response is left to {@link #run}, which decides under the lock.
     */
    Optional<JsonResponse> earlier(Request request) {
        Caller caller = request.caller();
        return database.forCustomer(caller.customerId(), session -> Optional.ofNullable(session.sql()
                .select(HASH, STATUS, BODY, ETAG).from(KEYS).where(thisKey(session, caller, request.key()))
                .andNot(expired()).fetchOne()).map(stored -> replay(stored, request.hash())));
    }

    /** 409 unless this transaction holds the key; the lock is released when the transaction ends, however. */
    private static void lock(TenantSession session, Caller caller, String key) {
        long lockId = ByteBuffer.wrap(digest(caller.customerId() + "/" + caller.activationId() + "/" + key))
                .getLong();
        if (!session.sql().fetchValue("select pg_try_advisory_xact_lock(?)", lockId).equals(Boolean.TRUE)) {
            throw new ApiError(409, Map.of("detail", "A request with this Idempotency-Key is still being"
                    + " processed; retry after it has finished."), Map.of());
        }
    }

    /**
     * The response stored for the key within its lifetime. One past it is deleted here, so that the key can be
     * used again before {@link IdempotencyPurge} comes by; reading first spares a fresh key and a replay that
     * delete.
     */
    private static Record stored(TenantSession session, Caller caller, String key) {
        Record stored = session.sql().select(HASH, STATUS, BODY, ETAG, EXPIRED).from(KEYS)
                .where(thisKey(session, caller, key)).fetchOne();
        if (stored == null || !stored.get(EXPIRED)) {
            return stored;
        }
        session.sql().deleteFrom(KEYS).where(thisKey(session, caller, key)).execute();
        return null;
    }

    private static JsonResponse replay(Record stored, String hash) {
        if (!stored.get(HASH).equals(hash)) {
            throw new ApiError(422, Map.of("detail", "This Idempotency-Key was already used with a different"
                    + " request; use a new key for a new request."), Map.of());
        }
        if (stored.get(STATUS) == GONE) {
            return new JsonResponse(GONE, ANONYMIZED, null);
        }
        return new JsonResponse(stored.get(STATUS), stored.get(BODY), stored.get(ETAG));
    }

    private static void store(TenantSession session, Caller caller, String key, String hash, JsonResponse response) {
        session.sql().insertInto(KEYS).set(CUSTOMER, caller.customerId()).set(ACTIVATION, caller.activationId())
                .set(KEY, key).set(HASH, hash).set(STATUS, response.status()).set(BODY, response.body())
                .set(ETAG, response.etag()).set(OBJECT_IDS, response.objectIds().toArray(UUID[]::new)).execute();
    }

    private static Condition thisKey(TenantSession session, Caller caller, String key) {
        return session.owns(KEYS).and(ACTIVATION.eq(caller.activationId())).and(KEY.eq(key));
    }

    static Condition expired() {
        return DSL.condition("{0} < now() - make_interval(hours => {1})", CREATED,
                DSL.inline((int) RETENTION.toHours()));
    }

    private static String hash(String text) {
        return HexFormat.of().formatHex(digest(text));
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
