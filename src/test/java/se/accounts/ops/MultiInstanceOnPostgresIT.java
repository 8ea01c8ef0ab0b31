package se.accounts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.accounts.support.PostgresCluster;
import se.accounts.support.ServiceProcess;

/**
 * The operator's path: instances configured only with ACCOUNTS_DB_URL, ACCOUNTS_DB_USER and ACCOUNTS_DB_PASSWORD
 * against a PostgreSQL server of the operating system (Debian's, installed by .ci/run), started for this class.
 */
class MultiInstanceOnPostgresIT extends MultiInstanceIT {
    private static final String DATABASE = "accounts";

    private PostgresCluster cluster;

    @Override
    Map<String, String> database() throws Exception {
        cluster = PostgresCluster.start();
        cluster.createDatabase(DATABASE);
        return cluster.environment(DATABASE);
    }

    @Override
    boolean startTogether() {
        return true;
    }

    @Override
    void closeDatabase() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aMigrationRunsOnceWhenTwoInstancesStartAtTheSameMoment() throws Exception {
        String database = "migrating_" + UUID.randomUUID().toString().replace("-", "");
        cluster.createDatabase(database);
        Map<String, String> environment = new HashMap<>(environment());
        environment.putAll(cluster.environment(database));

        try (ServiceProcess first = ServiceProcess.launch(environment, List.of(), List.of());
             ServiceProcess second = ServiceProcess.launch(environment, List.of(), List.of())) {
            first.awaitHealthy();
            second.awaitHealthy();
        }

        long migrations;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            migrations = files.filter(file -> file.getFileName().toString().matches("V.+\\.sql")).count();
        }
        try (Connection connection = cluster.connect(database);
             ResultSet history = connection.createStatement().executeQuery("select count(*),"
                     + " count(distinct version), bool_and(success) from flyway_schema_history"
                     + " where version is not null")) {
            history.next();
            assertThat(history.getLong(1)).as("rows").isEqualTo(migrations);
            assertThat(history.getLong(2)).as("versions").isEqualTo(migrations);
            assertThat(history.getBoolean(3)).as("all succeeded").isTrue();
        }
    }
}
