package se.accounts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

/** Events older than ACCOUNTS_EVENT_RETENTION_DAYS are deleted; younger ones stay. */
class EventRetentionTest {
    private static final String USERS = "/accounts/users/organization/organizationuser/";

    private final TestService service = TestService.get();
    private final ApiClient client = service.newCustomer();

    private String createUser() {
        return client.post(USERS, Map.of("last_name", "Old", "detail_access", 1,
                "email", "old." + UUID.randomUUID() + "@example.se")).json().get("id").asText();
    }

    @Test
    void eventsOlderThanTheRetentionAreDeletedAndYoungerOnesKept() {
        String old = createUser();
        String young = createUser();
        service.database().asOwner(sql -> sql.execute("update event_log set created_at = now() - interval '91 days'"
                + " where customer_id = ? and object_id = ?", client.customerId(), UUID.fromString(old)));

        new EventRetention(service.database(), Duration.ofDays(90)).deleteExpired();

        assertThat(client.get("/common/eventlog/list/?object_id=" + old).json()).isEmpty();
        assertThat(client.get("/common/eventlog/list/?object_id=" + young).json()).hasSize(1);
    }
}
