package se.accounts.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import se.accounts.support.TestService;

/**
 * The embedded PostgreSQL lets nobody in without the password, which only the service's OS user can read
 * (contract 8), also when its data directory was created by the release that trusted everyone.
 */
class EmbeddedPasswordTest {
    private final TestService service = TestService.get();

    private static String url(Path dataDir) throws Exception {
        return "jdbc:postgresql://127.0.0.1:" + Files.readString(dataDir.resolve("embedded-postgres.port")).trim()
                + "/postgres";
    }

    private static Path passwordFile(Path dataDir) {
        return dataDir.resolve("postgres-password");
    }

    private static void assertLoginRefused(String url, String user, String password) {
        assertThatThrownBy(() -> DriverManager.getConnection(url, user, password).close())
                .as(user + " with password '" + password + "'")
                .isInstanceOf(SQLException.class);
    }

    private static void assertLoginWorks(String url, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", password)) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }

    @Test
    void aLoginWithoutThePasswordIsRefused() throws Exception {
        String url = url(service.config().dataDir());

        assertLoginRefused(url, "postgres", "");
        assertLoginRefused(url, "postgres", "wrong");
        assertLoginRefused(url, "accounts_app", "");
        assertLoginRefused(url, "accounts_app", "wrong");
    }

    @Test
    void theSuperuserPasswordIsInAFileOnlyTheServiceUserCanRead() throws Exception {
        Path file = passwordFile(service.config().dataDir());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertLoginWorks(url(service.config().dataDir()), Files.readString(file).trim());
    }

    /** As the earlier release left it: zonky's defaults (trust, no password), migrated up to V5, with data. */
    private static UUID dataDirectoryOfTheEarlierRelease(Path dataDir) throws Exception {
        UUID customer = UUID.randomUUID();
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).start()) {
            Flyway.configure().dataSource(earlier.getPostgresDatabase()).locations("classpath:db/migration")
                    .target("5").load().migrate();
            try (Connection connection = earlier.getPostgresDatabase().getConnection()) {
                connection.createStatement().execute("insert into customer (id, name) values ('" + customer
                        + "', 'Earlier AB')");
            }
        }
        return customer;
    }

    private static void assertStartsKeepingDataBehindThePassword(Path dataDir, UUID customer) throws Exception {
        try (EmbeddedDatabase embedded = EmbeddedDatabase.startOrAttach(dataDir);
                Database database = Database.open(embedded.settings(), 2, Database.OwnerPools.DEFAULT, false)) {
            String name = database.asOwner(sql -> sql.fetchSingle("select name from customer where id = ?",
                    customer).get(0, String.class));
            assertThat(name).isEqualTo("Earlier AB");
            assertLoginRefused(url(dataDir), "postgres", "");
            assertLoginWorks(url(dataDir), Files.readString(passwordFile(dataDir)).trim());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile(dataDir))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aDataDirectoryOfTheEarlierReleaseStartsKeepsItsDataAndIsThenPasswordProtected() throws Exception {
        Path dataDir = Files.createTempDirectory("accounts-earlier-");
        UUID customer = dataDirectoryOfTheEarlierRelease(dataDir);

        assertStartsKeepingDataBehindThePassword(dataDir, customer);
        assertStartsKeepingDataBehindThePassword(dataDir, customer);
    }

    @Test
    void anUpgradeInterruptedAfterTheSuperuserGotItsPasswordIsFinishedOnTheNextStart() throws Exception {
        Path dataDir = Files.createTempDirectory("accounts-interrupted-");
        UUID customer = dataDirectoryOfTheEarlierRelease(dataDir);
        Files.writeString(Files.createFile(passwordFile(dataDir),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), "half-way");
        try (EmbeddedPostgres trusting = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).start();
                Connection connection = trusting.getPostgresDatabase().getConnection()) {
            connection.createStatement().execute("alter role postgres password 'half-way'");
        }

        assertStartsKeepingDataBehindThePassword(dataDir, customer);
        assertThat(Files.readString(passwordFile(dataDir))).isEqualTo("half-way");
    }
}
