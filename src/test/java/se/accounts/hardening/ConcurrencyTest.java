package se.accounts.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

/** Many clients at once: uniqueness, If-Match and Idempotency-Key hold, and nothing is written twice or half. */
class ConcurrencyTest {
    private static final String USERS = "/accounts/users/organization/organizationuser/";
    private static final int PARALLEL = 50;

    private final ApiClient client = TestService.get().newCustomer();

    /** Runs {@code request} PARALLEL times at once (released together) and answers the responses. */
    private static List<ApiClient.Response> atOnce(int count, IntFunction<ApiClient.Response> request)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ApiClient.Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.apply(index);
                }));
            }
            start.countDown();
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long count(List<ApiClient.Response> responses, int status) {
        return responses.stream().filter(r -> r.status() == status).count();
    }

    @Test
    void fiftyParallelCreatesOfOneEmailGiveExactlyOneUser() throws Exception {
        List<ApiClient.Response> responses = atOnce(PARALLEL, i -> client.post(USERS, Map.of(
                "first_name", "Same" + i, "email", i % 2 == 0 ? "same@x.se" : "SAME@X.se", "detail_access", 0)));

        assertThat(count(responses, 201)).isEqualTo(1);
        assertThat(count(responses, 400)).isEqualTo(PARALLEL - 1);
        assertThat(responses).filteredOn(r -> r.status() == 400).allSatisfy(r ->
                assertThat(r.json().get("email").get(0).asText()).isEqualTo("User with this email already exists."));
        assertThat(client.get(USERS + "list/?email__iexact=same%40x.se").json()).hasSize(1);
    }

    @Test
    void parallelPatchesWithTheSameIfMatchGiveExactlyOneSuccess() throws Exception {
        JsonNode user = client.post(USERS, Map.of("first_name", "Edited", "detail_access", 0)).json();
        String url = USERS + user.get("id").asText() + "/";

        List<ApiClient.Response> responses = atOnce(PARALLEL, i -> client.send("PATCH", url,
                Map.of("custom_id", "writer-" + i), Map.of("If-Match", "\"1\"")));

        assertThat(count(responses, 200)).isEqualTo(1);
        assertThat(count(responses, 412)).isEqualTo(PARALLEL - 1);
        String winner = responses.stream().filter(r -> r.status() == 200).findFirst().orElseThrow().json()
                .get("custom_id").asText();
        JsonNode stored = client.get(url).json();
        assertThat(stored.get("custom_id").asText()).isEqualTo(winner);
        assertThat(client.get(url).header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void parallelBulkWritesWithOverlappingEmailsLeaveAllOrNothingOfEach() throws Exception {
        int batches = 10;
        List<ApiClient.Response> responses = atOnce(batches, batch -> client.post(USERS + "list/",
                IntStream.range(0, 20).mapToObj(i -> (Object) Map.of("first_name", "B" + batch,
                        "email", "overlap" + (batch * 10 + i) + "@x.se", "detail_access", 0)).toList()));

        List<Integer> statuses = responses.stream().map(ApiClient.Response::status).toList();
        assertThat(statuses).containsOnly(201, 400).contains(201);
        JsonNode stored = client.get(USERS + "list/?email__endswith=%40x.se&email__startswith=overlap").json();
        for (int batch = 0; batch < batches; batch++) {
            String name = "B" + batch;
            long rows = 0;
            for (JsonNode user : stored) {
                rows += user.get("first_name").asText().equals(name) ? 1 : 0;
            }
            assertThat(rows).as(name).isEqualTo(statuses.get(batch) == 201 ? 20 : 0);
        }
        long distinctEmails = java.util.stream.StreamSupport.stream(stored.spliterator(), false)
                .map(user -> user.get("email").asText().toLowerCase()).distinct().count();
        assertThat(distinctEmails).isEqualTo(stored.size());
    }

    @Test
    void parallelRetriesWithOneIdempotencyKeyCreateOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("name", "Once " + key);

        List<ApiClient.Response> responses = atOnce(PARALLEL, i -> client.send("POST", "/sales/organization/", body,
                Map.of("Idempotency-Key", key)));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(201, 409));
        assertThat(count(responses, 201)).isPositive();
        assertThat(responses.stream().filter(r -> r.status() == 201).map(r -> r.json().get("id").asText())
                .distinct()).hasSize(1);
        assertThat(client.get("/sales/organization/list/?name=" + java.net.URLEncoder.encode("Once " + key,
                java.nio.charset.StandardCharsets.UTF_8)).json()).hasSize(1);
    }
}
