package se.accounts.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.accounts.AccountsService;
import se.accounts.Config;
import se.accounts.support.TestService;

/** A server whose default collation folds ASCII letters only is refused, untouched; the embedded one passes. */
class CaseFoldingTest {
    @Test
    void theEmbeddedDatabasesDefaultCollationFoldsCaseBeyondAscii() {
        assertThat(TestService.get().database().asOwner(CaseFolding::problem)).isEmpty();
    }

    /**
     * A database created with the C locale, on a server of the test's own (the service provisions its login role
     * there, which belongs to the whole server): the start is refused before any migration runs, saying what is
     * wrong and what to do.
     */
    @Test
    void aStartOnADatabaseWhoseDefaultCollationFoldsAsciiOnlyIsRefused(@TempDir Path directory) throws Exception {
        try (EmbeddedDatabase server = EmbeddedDatabase.startOrAttach(directory.resolve("server"))) {
            String url = createDatabase(server, "accounts_c", "locale_provider libc lc_collate 'C' lc_ctype 'C'");
            ConnectionSettings owner = server.settings();
            Config config = Config.fromEnvironment(Map.of("ACCOUNTS_PORT", "0",
                    "ACCOUNTS_DATA_DIR", directory.resolve("service").toString(), "ACCOUNTS_DB_URL", url,
                    "ACCOUNTS_DB_USER", owner.user(), "ACCOUNTS_DB_PASSWORD", owner.password()));

            assertThatThrownBy(() -> AccountsService.start(config, new PrintStream(OutputStream.nullOutputStream())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("default collation does not fold case beyond ASCII")
                    .hasMessageContaining("LC_CTYPE 'C'")
                    .hasMessageContaining("lower('ÅÄÖÉ') is 'ÅÄÖÉ'")
                    .hasMessageContaining("would miss 'åäöé'")
                    .hasMessageContaining("LOCALE 'sv_SE.UTF-8' (or 'en_US.UTF-8')")
                    .hasMessageContaining("LOCALE_PROVIDER icu ICU_LOCALE 'sv-SE'");
            assertThat(migrated(url, owner)).as("migrations run before the refusal").isFalse();
        }
    }

    /** Whether Flyway has touched the database at {@code url}. */
    private static boolean migrated(String url, ConnectionSettings owner) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, owner.user(), owner.password())) {
            return DSL.using(connection, SQLDialect.POSTGRES)
                    .fetchSingle("select to_regclass('flyway_schema_history') is not null").get(0, Boolean.class);
        }
    }

    @Test
    void aDatabaseCreatedWithIcuAsTheRefusalAdvisesPassesTheCheck(@TempDir Path directory) throws Exception {
        try (EmbeddedDatabase server = EmbeddedDatabase.startOrAttach(directory)) {
            String url = createDatabase(server, "accounts_icu", "locale_provider icu icu_locale 'sv-SE'");
            ConnectionSettings owner = server.settings();
            try (Connection connection = DriverManager.getConnection(url, owner.user(), owner.password())) {
                assertThat(CaseFolding.problem(DSL.using(connection, SQLDialect.POSTGRES))).isEmpty();
            }
        }
    }

    /** Creates {@code name} from template0 in UTF-8 with {@code locale} on {@code server}; its JDBC URL. */
    private static String createDatabase(EmbeddedDatabase server, String name, String locale) throws Exception {
        ConnectionSettings owner = server.settings();
        try (Connection connection = DriverManager.getConnection(owner.jdbcUrl(), owner.user(), owner.password());
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name + " template template0 encoding 'UTF8' " + locale);
        }
        return owner.jdbcUrl().replaceFirst("/postgres$", "/" + name);
    }
}
