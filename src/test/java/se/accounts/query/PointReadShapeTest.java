package se.accounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.accounts.entities.OrganizationUsers;
import se.accounts.model.Entity;

/**
 * Only an unpaged list filtered by equality on the id or a unique field reuses a generic plan; a shape with
 * LIMIT/OFFSET never does, whatever its filters (db/PlanChoiceTest: how the plan mode follows the statement).
 */
class PointReadShapeTest {
    private static final Entity USER = OrganizationUsers.ORGANIZATION_USER;
    private final ListStatements statements = new ListStatements(USER, EntitySql.selection(USER, USER.attributes()),
            EntitySql.selection(USER, USER.slimAttributes()));

    private boolean reusesPlan(String query) {
        ListStatements.Bound bound = bound(query);
        assertThat(bound.count().reusesPlan()).isFalse();
        assertThat(bound.countThenRows().reusesPlan()).isFalse();
        assertThat(bound.versionThenRows().reusesPlan()).isFalse();
        return bound.rows().reusesPlan();
    }

    private ListStatements.Bound bound(String query) {
        return statements.bind(ListRequests.plan(USER, query), UUID.randomUUID());
    }

    @ParameterizedTest
    @ValueSource(strings = {"email__iexact=ANNA@X.SE", "email=anna@x.se", "username=anna",
            "id=0190a8a2-0000-7000-8000-000000000001&is_active=true", "_slim=true&email__iexact=anna@x.se"})
    void anUnpagedLookupByAUniqueKeyReusesItsPlan(String query) {
        assertThat(reusesPlan(query)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"email__iexact=anna@x.se&_page=1&_page_size=25", "id=0190a8a2-0000-7000-8000-000000000001&_page=2&_page_size=1",
            "_page=1&_page_size=25", "is_active=true&_order_by=last_name&_page=40&_page_size=25",
            "email__iexact!=anna@x.se", "email__icontains=anna", "email__iexact=anna@x.se&_search=anna",
            "first_name=Anna", "is_active=true"})
    void everyOtherShapeIsPlannedWithItsValues(String query) {
        assertThat(reusesPlan(query)).isFalse();
    }

    /** Such a read needs no cursor: its rows are read whole, in the round trip that commits. */
    @ParameterizedTest
    @ValueSource(strings = {"email__iexact=ANNA@X.SE", "email=anna@x.se", "username=anna",
            "id=0190a8a2-0000-7000-8000-000000000001&is_active=true"})
    void anUnpagedLookupByAUniqueKeyReadsOneRowAtMost(String query) {
        assertThat(bound(query).atMostOneRow()).isTrue();
    }

    /** username is unique as written: ignoring case, "anna" and "Anna" are two rows. */
    @ParameterizedTest
    @ValueSource(strings = {"username__iexact=anna", "email__iexact=anna@x.se&_page=1&_page_size=25",
            "email__iexact!=anna@x.se", "first_name=Anna"})
    void aLookupThatCanMatchSeveralRowsIsNotReadAsOne(String query) {
        assertThat(bound(query).atMostOneRow()).isFalse();
    }
}
