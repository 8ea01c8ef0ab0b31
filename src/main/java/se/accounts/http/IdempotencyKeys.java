package se.accounts.http;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import se.accounts.db.Database;
import se.accounts.json.Json;
import se.accounts.tenancy.Caller;

/**
 * {@code Idempotency-Key} on POSTs, per activation and kept in PostgreSQL so every instance sees it. The key is
 * claimed in its own committed transaction before the work runs: a retry while the first request runs is 409, a
 * retry after it succeeded replays the stored response, the same key with another body (compared as parsed JSON)
 * is 422. A request that fails (4xx or 5xx) stores nothing and releases its key, so the corrected retry can run.
 */
final class IdempotencyKeys {
    static final int MAX_KEY_LENGTH = 255;
    private static final Duration RETENTION = Duration.ofHours(24);

    private static final Table<?> KEYS = table(name("idempotency_key"));
    private static final Field<UUID> CUSTOMER = field(name("customer_id"), SQLDataType.UUID);
    private static final Field<UUID> ACTIVATION = field(name("activation_id"), SQLDataType.UUID);
    private static final Field<String> KEY = field(name("key"), SQLDataType.VARCHAR);
    private static final Field<String> HASH = field(name("request_hash"), SQLDataType.VARCHAR);
    private static final Field<Integer> STATUS = field(name("status"), SQLDataType.INTEGER);
    private static final Field<byte[]> BODY = field(name("response_body"), SQLDataType.BLOB);
    private static final Field<String> ETAG = field(name("response_etag"), SQLDataType.VARCHAR);
    private static final Field<java.time.OffsetDateTime> CREATED = field(name("created_at"),
            SQLDataType.TIMESTAMPWITHTIMEZONE);

    private final Database database;

    IdempotencyKeys(Database database) {
        this.database = database;
    }

    JsonResponse run(String key, Caller caller, String method, String path, JsonNode body,
                     Supplier<JsonResponse> work) {
        if (key == null) {
            return work.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ApiError.badRequest(Headers.IDEMPOTENCY_KEY, "Must be 1 to " + MAX_KEY_LENGTH + " characters.");
        }
        String hash = hash(method + " " + path + "\n" + Json.canonical(body));
        Record existing = claim(caller, key, hash);
        if (existing != null) {
            return replay(existing, hash);
        }
        JsonResponse response;
        try {
            response = work.get();
        } catch (RuntimeException | Error failure) {
            release(caller, key);
            throw failure;
        }
        store(caller, key, response);
        return response;
    }

    /** Claims the key; null when this request now owns it, else the row of the earlier request. */
    private Record claim(Caller caller, String key, String hash) {
        return database.forCustomer(caller.customerId(), session -> {
            session.sql().deleteFrom(KEYS).where(session.owns(KEYS)).and(ACTIVATION.eq(caller.activationId()))
                    .and(KEY.eq(key)).and(DSL.condition("{0} < now() - make_interval(hours => {1})", CREATED,
                            DSL.inline((int) RETENTION.toHours()))).execute();
            int inserted = session.sql().insertInto(KEYS).set(CUSTOMER, caller.customerId())
                    .set(ACTIVATION, caller.activationId()).set(KEY, key).set(HASH, hash)
                    .onConflictDoNothing().execute();
            if (inserted == 1) {
                return null;
            }
            return session.sql().select(HASH, STATUS, BODY, ETAG).from(KEYS).where(session.owns(KEYS))
                    .and(ACTIVATION.eq(caller.activationId())).and(KEY.eq(key)).fetchOne();
        });
    }

    private static JsonResponse replay(Record existing, String hash) {
        if (!existing.get(HASH).equals(hash)) {
            throw new ApiError(422, Map.of("detail", "This Idempotency-Key was already used with a different"
                    + " request; use a new key for a new request."), Map.of());
        }
        if (existing.get(STATUS) == null) {
            throw new ApiError(409, Map.of("detail", "A request with this Idempotency-Key is still being"
                    + " processed; retry after it has finished."), Map.of());
        }
        return new JsonResponse(existing.get(STATUS), existing.get(BODY), existing.get(ETAG));
    }

    private void store(Caller caller, String key, JsonResponse response) {
        database.forCustomer(caller.customerId(), session -> session.sql().update(KEYS)
                .set(STATUS, response.status()).set(BODY, response.body()).set(ETAG, response.etag())
                .where(session.owns(KEYS)).and(ACTIVATION.eq(caller.activationId())).and(KEY.eq(key)).execute());
    }

    private void release(Caller caller, String key) {
        database.forCustomer(caller.customerId(), session -> session.sql().deleteFrom(KEYS)
                .where(session.owns(KEYS)).and(ACTIVATION.eq(caller.activationId())).and(KEY.eq(key)).execute());
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
