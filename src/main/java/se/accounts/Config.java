package se.accounts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.accounts.db.Database;
import se.accounts.http.AddressRange;

/**
 * Everything the service reads from its environment, each with a default that works on a laptop. The README lists
 * every variable; this record is the single place that parses them.
 */
public record Config(
        String host,
        int port,
        Path dataDir,
        Optional<ExternalDatabase> externalDatabase,
        int dbPoolSize,
        Database.OwnerPools ownerPools,
        boolean logSql,
        Optional<String> explicitPublicUrl,
        List<String> corsOrigins,
        Optional<Smtp> smtp,
        String mailFrom,
        Duration invitationValidity,
        Duration mailRetryDelay,
        int acceptAttemptsPerMinute,
        int requestsPerMinute,
        Duration idleTimeout,
        int authFailuresPerMinute,
        List<AddressRange> trustedProxies,
        boolean metrics,
        Events events) {
    /** Invitation acceptances per client address and minute unless ACCOUNTS_ACCEPT_LIMIT_PER_MINUTE says otherwise. */
    public static final int DEFAULT_ACCEPT_LIMIT_PER_MINUTE = 10;

    /**
     * A PostgreSQL server that someone else runs; when present, nothing embedded is started. {@code user} owns the
     * tables; requests log in as {@code applicationUser} when the operator manages that role, else as the role the
     * owner provisions.
     */
    public record ExternalDatabase(String url, String user, String password, Optional<String> applicationUser,
            String applicationPassword) {
    }

    /** The SMTP server mail is sent through; without one, mail is written to {@code <data dir>/outbox/}. */
    public record Smtp(String host, int port, String user, String password, boolean startTls) {
    }

    /**
     * The event log and webhooks: how long events are kept, the first retry delay of a failed webhook delivery (it
     * doubles), when a delivery is given up, and whether webhooks may call private addresses (development, tests).
     */
    public record Events(Duration retention, Duration webhookRetryDelay, Duration webhookGiveUp,
                         boolean webhookAllowPrivate) {
        static Events fromEnvironment(Map<String, String> env) {
            return new Events(Duration.ofDays(intVariable(env, "ACCOUNTS_EVENT_RETENTION_DAYS", 90)),
                    Duration.ofSeconds(intVariable(env, "ACCOUNTS_WEBHOOK_RETRY_SECONDS", 10)),
                    Duration.ofSeconds(intVariable(env, "ACCOUNTS_WEBHOOK_GIVE_UP_SECONDS", 24 * 60 * 60)),
                    Boolean.parseBoolean(env.getOrDefault("ACCOUNTS_WEBHOOK_ALLOW_PRIVATE", "false").trim()));
        }
    }

    /** The base of links the service prints and mails: ACCOUNTS_PUBLIC_URL, else this host and port. */
    public String publicUrl() {
        return publicUrl(port);
    }

    /** The same once the server listens on {@code boundPort} (which differs from the setting when that is 0). */
    public String publicUrl(int boundPort) {
        return explicitPublicUrl.orElse("http://" + host + ":" + boundPort);
    }

    /** Where mail goes when no SMTP server is configured. */
    public Path outboxDir() {
        return dataDir.resolve("outbox");
    }

    /** The values of ACCOUNTS_LOG_FORMAT: the names of the two appenders in logback.xml, which reads it itself. */
    private static final List<String> LOG_FORMATS = List.of("plain", "json");

    public static Config fromEnvironment(Map<String, String> env) {
        String logFormat = env.getOrDefault("ACCOUNTS_LOG_FORMAT", "plain");
        if (!LOG_FORMATS.contains(logFormat)) {
            throw new IllegalArgumentException("ACCOUNTS_LOG_FORMAT must be one of " + LOG_FORMATS + ", got '"
                    + logFormat + "'");
        }
        String host = env.getOrDefault("ACCOUNTS_HOST", "127.0.0.1");
        int port = intVariable(env, "ACCOUNTS_PORT", 8080);
        Path dataDir = Path.of(env.getOrDefault("ACCOUNTS_DATA_DIR", "./data")).toAbsolutePath().normalize();
        Optional<ExternalDatabase> database = Optional.ofNullable(blankToNull(env.get("ACCOUNTS_DB_URL")))
                .map(url -> new ExternalDatabase(url, env.getOrDefault("ACCOUNTS_DB_USER", ""),
                        env.getOrDefault("ACCOUNTS_DB_PASSWORD", ""),
                        Optional.ofNullable(blankToNull(env.get("ACCOUNTS_DB_APP_USER"))),
                        env.getOrDefault("ACCOUNTS_DB_APP_PASSWORD", "")));
        int poolSize = intVariable(env, "ACCOUNTS_DB_POOL_SIZE", 10);
        Database.OwnerPools ownerPools = new Database.OwnerPools(
                intVariable(env, "ACCOUNTS_DB_OWNER_POOL_SIZE", Database.OwnerPools.DEFAULT.requests()),
                intVariable(env, "ACCOUNTS_DB_BACKGROUND_POOL_SIZE", Database.OwnerPools.DEFAULT.background()));
        Optional<String> publicUrl = Optional.ofNullable(blankToNull(env.get("ACCOUNTS_PUBLIC_URL")))
                .map(Config::stripTrailingSlash);
        List<String> cors = Arrays.stream(env.getOrDefault("ACCOUNTS_CORS_ORIGINS", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        Optional<Smtp> smtp = Optional.ofNullable(blankToNull(env.get("ACCOUNTS_SMTP_HOST")))
                .map(smtpHost -> new Smtp(smtpHost, intVariable(env, "ACCOUNTS_SMTP_PORT", 25),
                        env.getOrDefault("ACCOUNTS_SMTP_USER", ""), env.getOrDefault("ACCOUNTS_SMTP_PASSWORD", ""),
                        Boolean.parseBoolean(env.getOrDefault("ACCOUNTS_SMTP_STARTTLS", "false").trim())));
        String from = Optional.ofNullable(blankToNull(env.get("ACCOUNTS_SMTP_FROM"))).orElse("accounts@localhost");
        boolean logSql = Boolean.parseBoolean(env.getOrDefault("ACCOUNTS_LOG_SQL", "false").trim());
        return new Config(host, port, dataDir, database, poolSize, ownerPools, logSql, publicUrl, cors, smtp, from,
                Duration.ofDays(intVariable(env, "ACCOUNTS_INVITATION_VALID_DAYS", 7)),
                Duration.ofSeconds(intVariable(env, "ACCOUNTS_MAIL_RETRY_SECONDS", 30)),
                intVariable(env, "ACCOUNTS_ACCEPT_LIMIT_PER_MINUTE", DEFAULT_ACCEPT_LIMIT_PER_MINUTE),
                intVariable(env, "ACCOUNTS_RATE_LIMIT_PER_MINUTE", 6000),
                Duration.ofSeconds(intVariable(env, "ACCOUNTS_IDLE_TIMEOUT_SECONDS", 30)),
                intVariable(env, "ACCOUNTS_AUTH_FAILURES_PER_MINUTE", 30),
                addressRanges(env, "ACCOUNTS_TRUSTED_PROXIES"),
                !env.getOrDefault("ACCOUNTS_METRICS", "true").trim().equalsIgnoreCase("false"),
                Events.fromEnvironment(env));
    }

    private static List<AddressRange> addressRanges(Map<String, String> env, String name) {
        try {
            return Arrays.stream(env.getOrDefault(name, "").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(AddressRange::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be comma-separated IPv4 or IPv6 CIDR ranges: "
                    + e.getMessage());
        }
    }

    private static int intVariable(Map<String, String> env, String name, int fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            parsed = -1;
        }
        // Every number set here is a count, a size, a port or a duration: none is negative.
        if (parsed < 0) {
            throw new IllegalArgumentException(name + " must be a whole number of 0 or more, got '" + value + "'");
        }
        return parsed;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
