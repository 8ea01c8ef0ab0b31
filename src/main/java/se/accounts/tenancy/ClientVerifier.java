package se.accounts.tenancy;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.github.benmanes.caffeine.cache.LoadingCache;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import se.accounts.db.Database;
import se.accounts.db.Ids;

/**
 * Checks the seven header values against the stored activation.
 *
 * <p>A successful check is cached for {@link #CACHE_TIME}, keyed by a SHA-256 of all seven values, so steady traffic
 * pays argon2 once per client every few seconds instead of on every request; the short time is also what bounds
 * how long a revoked activation keeps working on an instance (the contract allows 5 seconds). An entry older than
 * {@link #REFRESH_AFTER} is checked again in the background on its next use while the request goes on with it, so
 * a busy client never waits for argon2 (before, every request of the moment the entry ran out waited about 50 ms:
 * the benchmark's p99). Failures are never cached, and every failure, whichever value was wrong, costs one
 * database lookup and one argon2 verification.
 */
public final class ClientVerifier {
    static final Duration CACHE_TIME = Duration.ofSeconds(4);
    static final Duration REFRESH_AFTER = Duration.ofSeconds(2);

    private static final Table<?> ACTIVATION = table(name("activation")).as("a");
    private static final Table<?> VERSION = table(name("service_version")).as("v");
    private static final Table<?> SERVICE = table(name("service")).as("s");

    private final Database database;
    private final LoadingCache<HeaderSet, Caller> verified = Caffeine.newBuilder()
            .expireAfterWrite(CACHE_TIME)
            .refreshAfterWrite(REFRESH_AFTER)
            .maximumSize(100_000)
            .recordStats()
            .build(headers -> check(headers.values()));

    /** The seven values, known by their digest; the values are kept for the background re-check. */
    private record HeaderSet(String digest, List<String> values) {
        @Override
        public boolean equals(Object other) {
            return other instanceof HeaderSet set && set.digest.equals(digest);
        }

        @Override
        public int hashCode() {
            return digest.hashCode();
        }
    }

    private final ConcurrentHashMap<String, CompletableFuture<Caller>> inFlight = new ConcurrentHashMap<>();

    public ClientVerifier(Database database) {
        this.database = database;
    }

    /** Publishes the credential cache's hits, misses and size (cache="credentials"). */
    public void publishMetrics(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, verified, "credentials");
    }

    /** The seven values in {@link ClientCredentials#HEADER_NAMES} order. */
    public Optional<Caller> verify(List<String> values) {
        HeaderSet key = new HeaderSet(cacheKey(values), List.copyOf(values));
        Caller cached = verified.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        // Requests with the same headers that miss the cache together share one check (a burst of a new client's
        // requests costs one argon2, not one each), and share its failure too: while the database is down they
        // all get it at once instead of queuing on a lock one pool timeout after another.
        CompletableFuture<Caller> mine = new CompletableFuture<>();
        CompletableFuture<Caller> running = inFlight.putIfAbsent(key.digest(), mine);
        if (running != null) {
            return Optional.ofNullable(join(running));
        }
        try {
            Caller caller = check(values);
            if (caller != null) {
                verified.put(key, caller);
            }
            mine.complete(caller);
            return Optional.ofNullable(caller);
        } catch (RuntimeException failure) {
            mine.completeExceptionally(failure);
            throw failure;
        } finally {
            inFlight.remove(key.digest(), mine);
        }
    }

    private static Caller join(CompletableFuture<Caller> running) {
        try {
            return running.join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
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
        boolean secretMatches = SecretHasher.verify(secret, storedHash);
        if (!secretMatches || !contentTypeMatches) {
            return null;
        }
        String[] permissions = (String[]) stored.get().get(1);
        return new Caller(customer.get(), activation.get(), Set.copyOf(java.util.Arrays.asList(permissions)));
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
