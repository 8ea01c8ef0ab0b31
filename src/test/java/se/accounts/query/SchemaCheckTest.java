package se.accounts.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.accounts.model.Attribute.createdAt;
import static se.accounts.model.Attribute.id;
import static se.accounts.model.Attribute.string;
import static se.accounts.model.Attribute.toOne;

import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import se.accounts.entities.EntityCatalog;
import se.accounts.entities.Organizations;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.support.TestService;

/**
 * The start-up check against the real database: the whole catalog agrees with the migrations, and each kind of
 * disagreement is named. Scratch tables are created inside a transaction that is rolled back.
 */
class SchemaCheckTest {
    private final TestService service = TestService.get();

    /** A declaration of the role table with its fields replaced by {@code fields}. */
    private static Entity role(Attribute.Builder... fields) {
        return Entity.define("accounts", "role").path("/test/role/").fields(id(), createdAt()).fields(fields)
                .build();
    }

    private List<String> mismatches(Entity entity) {
        return service.database().asOwner(sql -> SchemaCheck.mismatches(sql, List.of(entity)));
    }

    /** The mismatches of {@code entity} against a database where {@code ddl} has run, which is then undone. */
    private List<String> mismatchesWith(String ddl, Entity entity) {
        class Undo extends RuntimeException {
            final List<String> found;

            Undo(List<String> found) {
                super(null, null, false, false);
                this.found = found;
            }
        }
        Function<DSLContext, List<String>> check = sql -> {
            sql.execute(ddl);
            throw new Undo(SchemaCheck.mismatches(sql, List.of(entity)));
        };
        try {
            service.database().asOwner(check::apply);
            throw new AssertionError("unreachable");
        } catch (Undo undo) {
            return undo.found;
        }
    }

    @Test
    void everyEntityOfTheCatalogMatchesTheDatabase() {
        List<String> found = service.database().asOwner(sql -> SchemaCheck.mismatches(sql, EntityCatalog.ALL));
        assertThat(found).isEmpty();
    }

    @Test
    void aLengthOtherThanTheColumnsIsNamed() {
        assertThat(mismatches(role(string("name", 200).required()))).singleElement().asString()
                .contains("role.name").contains("255").contains("200");
    }

    @Test
    void aUniqueDeclaredToIgnoreCaseWhoseIndexKeepsCaseIsNamed() {
        Entity role = Entity.define("accounts", "role").path("/test/role/").fields(id(), createdAt(),
                string("name", 255).required()).uniqueIgnoringCase("role_name_unique", "name").build();

        assertThat(mismatches(role)).singleElement().asString().contains("role.name").contains("ignore case");
    }

    @Test
    void aMissingColumnIsNamed() {
        assertThat(mismatches(role(string("name", 255).required(), string("nickname", 64).nullable())))
                .singleElement().asString().contains("role.nickname").contains("does not exist");
    }

    @Test
    void aNullableDeclarationOfANotNullColumnIsNamed() {
        assertThat(mismatches(role(string("name", 255).nullable()))).singleElement().asString()
                .contains("role.name").contains("NOT NULL");
    }

    @Test
    void aTypeOtherThanTheColumnsIsNamed() {
        assertThat(mismatches(role(Attribute.integer("name").required()))).singleElement().asString()
                .contains("role.name").contains("character varying");
    }

    @Test
    void aMisnamedForeignKeyIsNamed() {
        Entity thing = Entity.define("test", "schemacheck_thing").path("/test/thing/")
                .fields(id(), createdAt(), toOne("organization", () -> Organizations.ORGANIZATION).nullable())
                .build();
        List<String> found = mismatchesWith("create table schemacheck_thing (customer_id uuid not null, id uuid"
                + " not null, created_at timestamptz not null default now(), version bigint not null default 1,"
                + " organization_id uuid, constraint schemacheck_thing_pkey primary key (customer_id, id),"
                + " constraint schemacheck_thing_organization_id_fkey foreign key (customer_id, organization_id)"
                + " references organization (customer_id, id));"
                + " select enable_tenant_security('schemacheck_thing')", thing);
        assertThat(found).singleElement().asString().contains("schemacheck_thing.organization")
                .contains("schemacheck_thing_organization_fk").contains("schemacheck_thing_organization_id_fkey");
    }

    @Test
    void aTableWithoutRowSecurityIsNamed() {
        Entity thing = Entity.define("test", "schemacheck_open").path("/test/open/").fields(id(), createdAt())
                .build();
        List<String> found = mismatchesWith("create table schemacheck_open (customer_id uuid not null, id uuid"
                + " not null, created_at timestamptz not null default now(), version bigint not null default 1,"
                + " constraint schemacheck_open_pkey primary key (customer_id, id))", thing);
        assertThat(found).anySatisfy(message -> assertThat(message).contains("no row-level security"))
                .anySatisfy(message -> assertThat(message).contains("no policy"));
    }

    @Test
    void enableTenantSecurityGivesATableEverythingTheCheckAsksFor() {
        Entity thing = Entity.define("test", "schemacheck_safe").path("/test/safe/").fields(id(), createdAt())
                .build();
        assertThat(mismatchesWith("create table schemacheck_safe (customer_id uuid not null, id uuid not null,"
                + " created_at timestamptz not null default now(), version bigint not null default 1,"
                + " constraint schemacheck_safe_pkey primary key (customer_id, id));"
                + " select enable_tenant_security('schemacheck_safe')", thing)).isEmpty();
    }

    @Test
    void aCaseFoldedFieldWithoutItsFoldedColumnIsNamed() {
        assertThat(mismatches(role(string("name", 255).required().caseFolded()))).singleElement().asString()
                .contains("role.name").contains("role.name_folded does not exist");
    }

    @Test
    void aFoldedColumnOfTheDeclaredShapeMatches() {
        assertThat(mismatchesWith("alter table role add column name_folded text collate \"C\""
                + " generated always as (lower(name::text collate \"default\")) stored",
                role(string("name", 255).required().caseFolded()))).isEmpty();
    }

    @Test
    void aFoldedColumnWithoutCollationCIsNamed() {
        assertThat(mismatchesWith("alter table role add column name_folded text"
                + " generated always as (lower(name::text collate \"default\")) stored",
                role(string("name", 255).required().caseFolded()))).singleElement().asString()
                .contains("role.name_folded is text COLLATE \"default\"").contains("needs text COLLATE \"C\"");
    }

    @Test
    void aFoldedColumnLoweredUnderAnotherCollationIsNamed() {
        assertThat(mismatchesWith("alter table role add column name_folded text collate \"C\""
                + " generated always as (lower(name::text collate \"C\")) stored",
                role(string("name", 255).required().caseFolded()))).singleElement().asString()
                .contains("role.name_folded").contains("lower(name::text COLLATE \"default\")");
    }

    @Test
    void verifyRefusesWithAMessageNamingEachMismatch() {
        Entity wrong = role(string("name", 200).required(), string("nickname", 64).nullable());
        assertThatThrownBy(() -> SchemaCheck.verify(service.database(), List.of(wrong)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("role.name").hasMessageContaining("role.nickname");
    }
}
