package se.accounts.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import se.accounts.support.TestService;

/**
 * A released migration never changes, and a new one is numbered above every released one: Flyway refuses to
 * migrate a database whose applied migration differs from its file, or that lacks a migration numbered below the
 * highest one it applied, so either mistake stops every installation of the release at its next start. The released
 * migrations are listed in {@code released-migrations.txt} with the checksum Flyway computes for each file; when a
 * release ships, append a line for each migration it adds.
 */
class ReleasedMigrationsTest {
    private static final String RELEASED = "/released-migrations.txt";
    private static final String UNMIGRATED_SCHEMA = "released_migrations_test_never_created";
    private static final Pattern DEFINED_FUNCTION =
            Pattern.compile("CREATE\\s+(?:OR\\s+REPLACE\\s+)?FUNCTION\\s+(\\w+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern README_ROW = Pattern.compile("\\| `\\w+` \\| V[\\w, ]+ \\| V\\w+ \\|");

    /**
     * Every versioned migration file on the classpath as Flyway resolves it, in version order. Flyway reports a
     * migration's checksum and description as applied once it is applied, so it is asked about a schema that does
     * not exist: there every migration is pending and reported as its file is now.
     */
    private static List<MigrationInfo> migrations() {
        try (EmbeddedDatabase attached = EmbeddedDatabase.startOrAttach(TestService.get().config().dataDir())) {
            ConnectionSettings owner = attached.settings();
            MigrationInfo[] all = Flyway.configure().dataSource(owner.jdbcUrl(), owner.user(), owner.password())
                    .schemas(UNMIGRATED_SCHEMA).locations("classpath:db/migration").load().info().all();
            assertThat(all).allSatisfy(info -> assertThat(info.getState()).isEqualTo(MigrationState.PENDING));
            return Arrays.stream(all).filter(MigrationInfo::isVersioned)
                    .sorted(Comparator.comparing(MigrationInfo::getVersion)).toList();
        }
    }

    /** The line of {@value #RELEASED} that lists this migration: version | description | Flyway's checksum. */
    private static String line(MigrationInfo migration) {
        return migration.getVersion() + " | " + migration.getDescription() + " | " + migration.getChecksum();
    }

    /** The released lines by version, each with its fields' spacing normalized. */
    private static Map<MigrationVersion, String> released() throws IOException {
        try (InputStream in = ReleasedMigrationsTest.class.getResourceAsStream(RELEASED)) {
            assertThat(in).as(RELEASED).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> Arrays.stream(line.split("\\|")).map(String::trim)
                            .collect(Collectors.joining(" | ")))
                    .collect(Collectors.toMap(line -> MigrationVersion.fromVersion(line.split(" ")[0]),
                            Function.identity(), (a, b) -> a, LinkedHashMap::new));
        }
    }

    @Test
    void noReleasedMigrationChanged() throws IOException {
        Map<MigrationVersion, String> current = migrations().stream()
                .collect(Collectors.toMap(MigrationInfo::getVersion, ReleasedMigrationsTest::line));

        assertThat(released()).allSatisfy((version, released) -> assertThat(current.get(version))
                .as("V%s was released as '%s' and must not change: databases that ran it refuse to start"
                        + " (Flyway's checksum validation). Restore the file as released and make the change in"
                        + " a new migration numbered above every released one", version, released)
                .isEqualTo(released));
    }

    @Test
    void everyUnreleasedMigrationIsNumberedAboveEveryReleasedOne() throws IOException {
        Map<MigrationVersion, String> released = released();
        MigrationVersion highest = released.keySet().stream().max(Comparator.naturalOrder())
                .orElse(MigrationVersion.EMPTY);

        assertThat(migrations().stream()
                .filter(migration -> !released.containsKey(migration.getVersion())
                        && migration.getVersion().compareTo(highest) < 0)
                .map(MigrationInfo::getScript))
                .as("Unreleased migrations numbered below V%s, the highest released one: a database that ran V%s"
                        + " refuses to start with them (Flyway validates that no migration below the highest"
                        + " applied one is missing). Give each a version above V%s; when it is released, append"
                        + " its line to src/test/resources%s", highest, highest, highest, RELEASED)
                .isEmpty();
    }

    /**
     * A function that later migrations redefine (CREATE OR REPLACE) is defined by the latest of them; README
     * "Migrations" lists each such function with the migrations that define it and the one that holds the current
     * definition, so that nobody reads a replaced definition for the current one.
     */
    @Test
    void theReadmeNamesTheMigrationHoldingEachRedefinedFunctionsCurrentDefinition() throws IOException {
        Map<String, List<String>> definedIn = new LinkedHashMap<>();
        for (MigrationInfo migration : migrations()) {
            Matcher defined = DEFINED_FUNCTION.matcher(script(migration.getScript()));
            while (defined.find()) {
                definedIn.computeIfAbsent(defined.group(1).toLowerCase(), name -> new ArrayList<>())
                        .add(migration.getScript().substring(0, migration.getScript().indexOf("__")));
            }
        }
        List<String> expected = definedIn.entrySet().stream().filter(function -> function.getValue().size() > 1)
                .map(function -> "| `" + function.getKey() + "` | " + String.join(", ", function.getValue())
                        + " | " + function.getValue().get(function.getValue().size() - 1) + " |")
                .toList();

        Stream<String> rows = Files.readString(Path.of("README.md")).lines()
                .filter(line -> README_ROW.matcher(line).matches());

        assertThat(rows)
                .as("README 'Migrations' rows: | `function` | migrations that define it | the current definition |")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String script(String name) {
        try (InputStream in = ReleasedMigrationsTest.class.getResourceAsStream("/db/migration/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
