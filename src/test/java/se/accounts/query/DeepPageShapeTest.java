package se.accounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.accounts.entities.OrganizationUsers;
import se.accounts.model.Entity;

/**
 * A page past {@link ListShape#DEEP_PAGE_OFFSET} skipped rows pages over the matching ids alone and reads its rows
 * by key; nearer the start the page is read the plain way ({@code ListReadingTest} checks both return the same
 * objects, this that the deep way is the one taken: a page read the plain way returns them too).
 */
class DeepPageShapeTest {
    private static final Entity USER = OrganizationUsers.ORGANIZATION_USER;
    private static final String IDS_FIRST = "from (select organizationuser.customer_id, organizationuser.id from"
            + " organizationuser";
    private static final String ROWS_BY_KEY = "join organizationuser on (organizationuser.customer_id = page.customer_id"
            + " and organizationuser.id = page.id)";
    private final ListStatements statements = new ListStatements(USER, EntitySql.selection(USER, USER.attributes()),
            EntitySql.selection(USER, USER.slimAttributes()));

    /** The rows statement's text, with jOOQ's quotes left out. */
    private String rows(String query) {
        return statements.bind(ListRequests.plan(USER, query), UUID.randomUUID()).rows().alone().replace("\"", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"is_active=true&_order_by=last_name&_page=40&_page_size=25", "_page=11&_page_size=25",
            "_page=2&_page_size=250&_slim=true", "first_name__icontains=ann&_search=anna&_page=3&_page_size=1000"})
    void aPagePastTheDeepPageOffsetReadsItsIdsFirstAndItsRowsByKey(String query) {
        assertThat(rows(query)).contains(IDS_FIRST).contains(ROWS_BY_KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"_page=1&_page_size=25", "is_active=true&_order_by=last_name&_page=10&_page_size=25",
            "_page=1&_page_size=1000", "email__iexact=anna@x.se"})
    void aPageNearerTheStartIsReadThePlainWay(String query) {
        assertThat(rows(query)).doesNotContain(IDS_FIRST).doesNotContain(ROWS_BY_KEY);
    }
}
