package se.accounts.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.accounts.db.Database;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

/** Responses kept for Idempotency-Keys (they show personal data) are deleted once the key's 24 hours are over. */
class IdempotencyPurgeTest {
    private final TestService service = TestService.get();
    private final Database database = service.database();
    private final ApiClient client = service.newCustomer();

    private ApiClient.Response post(String key, String name) {
        return client.send("POST", "/sales/organization/", Map.of("name", name), Map.of("Idempotency-Key", key));
    }

    private String postWithNewKey(String name) {
        String key = UUID.randomUUID().toString();
        assertThat(post(key, name).status()).isEqualTo(201);
        return key;
    }

    private void age(String key, String interval) {
        database.asOwner(sql -> sql.execute("update idempotency_key set created_at = now() - ?::interval"
                + " where customer_id = ? and key = ?", interval, client.customerId(), key));
    }

    private List<String> storedKeys() {
        return database.asOwner(sql -> sql.fetch("select key from idempotency_key where customer_id = ?",
                client.customerId()).getValues(0, String.class));
    }

    @Test
    void responsesOlderThanTheKeysLifetimeArePurgedAndYoungerOnesKept() {
        String expired = postWithNewKey("Expired");
        String almostExpired = postWithNewKey("Almost expired");
        String fresh = postWithNewKey("Fresh");
        age(expired, "24 hours 1 minute");
        age(almostExpired, "23 hours 59 minutes");

        int purged = new IdempotencyPurge(database).purgeExpired();

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(storedKeys()).containsExactlyInAnyOrder(almostExpired, fresh);
    }

    @Test
    void aKeyPastItsLifetimeRunsANewRequestBeforeThePurgeComesBy() {
        String key = postWithNewKey("First");
        age(key, "24 hours 1 minute");

        ApiClient.Response again = post(key, "Second");

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("name").asText()).isEqualTo("Second");
        assertThat(post(key, "Second").json().get("id")).isEqualTo(again.json().get("id"));
    }

    @Test
    void aKeyWithinItsLifetimeIsStillReplayed() {
        String key = UUID.randomUUID().toString();
        ApiClient.Response first = post(key, "Kept");
        age(key, "23 hours 59 minutes");

        ApiClient.Response replayed = post(key, "Kept");

        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(post(key, "Other").status()).isEqualTo(422);
    }

    @Test
    void thePurgeWorksThroughMoreRowsThanOneBatch() {
        String key = postWithNewKey("Many");
        database.asOwner(sql -> sql.execute("insert into idempotency_key (customer_id, activation_id, key,"
                + " request_hash, status, response_body, created_at) select customer_id, activation_id,"
                + " key || '-' || n, request_hash, status, response_body, now() - interval '2 days'"
                + " from idempotency_key, generate_series(1, ?) n where customer_id = ? and key = ?",
                IdempotencyPurge.BATCH + 10, client.customerId(), key));

        new IdempotencyPurge(database).purgeExpired();

        assertThat(storedKeys()).containsExactly(key);
    }
}
