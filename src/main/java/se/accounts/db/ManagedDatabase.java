package se.accounts.db;

import java.util.Optional;
import se.accounts.Config;

/**
 * The database as configured: the external server of {@code ACCOUNTS_DB_URL}, or else the embedded one under the
 * data directory (started here, or attached to when another process of that directory runs it).
 */
public final class ManagedDatabase implements AutoCloseable {
    private final Optional<EmbeddedDatabase> embedded;
    private final Database database;

    private ManagedDatabase(Optional<EmbeddedDatabase> embedded, Database database) {
        this.embedded = embedded;
        this.database = database;
    }

    public static ManagedDatabase open(Config config) {
        Optional<EmbeddedDatabase> embedded = config.externalDatabase().isPresent() ? Optional.empty()
                : Optional.of(EmbeddedDatabase.startOrAttach(config.dataDir()));
        ConnectionSettings settings = config.externalDatabase()
                .map(db -> new ConnectionSettings(db.url(), db.user(), db.password(), applicationLogin(db)))
                .orElseGet(() -> embedded.get().settings());
        try {
            return new ManagedDatabase(embedded, Database.open(settings, config.dbPoolSize(), config.ownerPools(),
                    config.logSql()));
        } catch (RuntimeException e) {
            embedded.ifPresent(EmbeddedDatabase::close);
            throw e;
        }
    }

    /** The operator's own application login: ACCOUNTS_DB_APP_USER (default accounts_app) and its password. */
    private static Optional<ConnectionSettings.Login> applicationLogin(Config.ExternalDatabase db) {
        if (db.applicationUser().isEmpty() && db.applicationPassword().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ConnectionSettings.Login(db.applicationUser().orElse(Database.APPLICATION_ROLE),
                db.applicationPassword()));
    }

    public Database database() {
        return database;
    }

    public boolean isEmbedded() {
        return embedded.isPresent();
    }

    @Override
    public void close() {
        database.close();
        embedded.ifPresent(EmbeddedDatabase::close);
    }
}
