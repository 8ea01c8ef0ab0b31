package se.accounts.tenancy;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import se.accounts.db.Database;
import se.accounts.db.Ids;

/**
 * Checks the seven header values against the stored activation: one indexed lookup and a SHA-256 comparison,
 * whichever value is wrong (a decoy comparison when no activation matched).
 *
 * <p>A successful check is cached for {@link #CACHE_TIME}, keyed by a SHA-256 of all seven values, which saves a
 * steady client the lookup on most requests; the short time is what bounds how long a revoked activation keeps
 * working on an instance (the contract allows 5 seconds). Failures are never cached. Since secrets are no longer
 * verified with argon2 a check costs about as much as any query, so an entry simply expires, and concurrent
 * misses each check for themselves (no background refresh, no shared in-flight check: they only existed to keep
 * requests from waiting on argon2).
 */
public final class ClientVerifier {
    static final Duration CACHE_TIME = Duration.ofSeconds(4);

    private static final Table<?> ACTIVATION = table(name("activation")).as("a");
    private static final Table<?> VERSION = table(name("service_version")).as("v");
    private static final Table<?> SERVICE = table(name("service")).as("s");

    private final Database database;
    private final Cache<String, Caller> verified = Caffeine.newBuilder()
            .expireAfterWrite(CACHE_TIME)
            .maximumSize(100_000)
            .recordStats()
            .build();

    public ClientVerifier(Database database) {
        this.database = database;
    }

    /** Publishes the credential cache's hits, misses and size (cache="credentials"). */
    public void publishMetrics(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, verified, "credentials");
    }

    /** The seven values in {@link ClientCredentials#HEADER_NAMES} order. */
    public Optional<Caller> verify(List<String> values) {
        String key = cacheKey(values);
        Caller cached = verified.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Caller caller = check(values);
        if (caller != null) {
            verified.put(key, caller);
        }
        return Optional.ofNullable(caller);
    }

    private Caller check(List<String> values) {
        Optional<UUID> customer = Ids.parse(values.get(0));
        Optional<UUID> application = Ids.parse(values.get(1));
        Optional<UUID> service = Ids.parse(values.get(2));
        Optional<UUID> version = Ids.parse(values.get(3));
        boolean contentTypeMatches = ClientCredentials.CLIENT_CONTENT_TYPE.equals(values.get(4));
        Optional<UUID> activation = Ids.parse(values.get(5));
        String secret = values.get(6);

        Optional<Record> stored = Optional.empty();
        if (customer.isPresent() && application.isPresent() && service.isPresent() && version.isPresent()
                && activation.isPresent()) {
            stored = database.withoutCustomer(sql -> sql
                    .select(field(name("a", "secret_hash"), String.class),
                            field(name("v", "permissions"), SQLDataType.VARCHAR.array()))
                    .from(ACTIVATION)
                    .join(VERSION).on(field(name("v", "id")).eq(field(name("a", "service_version_id"))))
                    .join(SERVICE).on(field(name("s", "id")).eq(field(name("v", "service_id"))))
                    .where(field(name("a", "id"), UUID.class).eq(activation.get()))
                    .and(field(name("a", "customer_id"), UUID.class).eq(customer.get()))
                    .and(field(name("v", "id"), UUID.class).eq(version.get()))
                    .and(field(name("s", "id"), UUID.class).eq(service.get()))
                    .and(field(name("s", "application_id"), UUID.class).eq(application.get()))
                    .and(field(name("a", "active"), Boolean.class).isTrue())
                    .fetchOptional().map(r -> (Record) r));
        }
        String storedHash = stored.map(r -> r.get(0, String.class)).orElse(null);
        boolean secretMatches = ClientSecrets.matches(secret, storedHash);
        if (!secretMatches || !contentTypeMatches) {
            return null;
        }
        if (!ClientSecrets.isCurrent(storedHash)) {
            upgrade(activation.get(), storedHash, secret);
        }
        String[] permissions = (String[]) stored.get().get(1);
        return new Caller(customer.get(), activation.get(), Set.copyOf(java.util.Arrays.asList(permissions)));
    }

    /**
     * Replaces a hash an earlier version stored (argon2id) by the SHA-256 form, once its secret is known to be
     * right. Guarded by the old value, so of two instances upgrading at once one writes and neither undoes a
     * change made meanwhile.
     */
    private void upgrade(UUID activation, String oldHash, String secret) {
        database.withoutCustomer(sql -> sql.update(table(name("activation")))
                .set(field(name("secret_hash"), String.class), ClientSecrets.hash(secret))
                .where(field(name("id"), UUID.class).eq(activation))
                .and(field(name("secret_hash"), String.class).eq(oldHash))
                .execute());
    }

    private static String cacheKey(List<String> values) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String value : values) {
                digest.update(value.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
