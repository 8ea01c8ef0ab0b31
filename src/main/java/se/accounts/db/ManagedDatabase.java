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
                .map(db -> new ConnectionSettings(db.url(), db.user(), db.password()))
                .orElseGet(() -> embedded.get().settings());
        try {
            return new ManagedDatabase(embedded, Database.open(settings, config.dbPoolSize(), config.logSql()));
        } catch (RuntimeException e) {
            embedded.ifPresent(EmbeddedDatabase::close);
            throw e;
        }
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
