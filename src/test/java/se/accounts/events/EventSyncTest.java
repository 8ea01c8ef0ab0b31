package se.accounts.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

/**
 * The sync guarantee of contract 10.1: a client that keeps reading {@code sequence__gt=<last seen>&_order_by=sequence}
 * while many writers of its customer commit in any order sees every event exactly once.
 */
class EventSyncTest {
    private static final String USERS = "/accounts/users/organization/organizationuser/";
    private static final int WRITERS = 12;
    private static final int WRITES_PER_WRITER = 20;
    private static final int BULK_ITEMS = 5;

    private final TestService service = TestService.get();
    private final ApiClient client = service.newCustomer();

    private static Map<String, Object> user() {
        Map<String, Object> body = new HashMap<>();
        body.put("last_name", "Sync");
        body.put("email", "sync." + UUID.randomUUID() + "@example.se");
        body.put("detail_access", 1);
        return body;
    }

    /** Alternates single creates, PATCHes of the user just created and small bulk writes. */
    private int write(int writer) {
        int events = 0;
        for (int i = 0; i < WRITES_PER_WRITER; i++) {
            ApiClient.Response response;
            if ((i + writer) % 3 == 0) {
                response = client.post(USERS + "list/", java.util.stream.Stream.generate(EventSyncTest::user)
                        .limit(BULK_ITEMS).toList());
                events += BULK_ITEMS;
            } else {
                response = client.post(USERS, user());
                String id = response.json().get("id").asText();
                assertThat(client.patch(USERS + id + "/", Map.of("first_name", "W" + writer)).status())
                        .isEqualTo(200);
                events += 2;
            }
            assertThat(response.status()).as(response.body()).isEqualTo(201);
        }
        return events;
    }

    @Test
    void aReaderFollowingTheSequenceSeesEveryEventOfConcurrentWritersExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> write(writer)));
        }
        List<String> seen = new ArrayList<>();
        long last = 0;
        int reads = 0;
        while (!writers.stream().allMatch(Future::isDone) || reads == 0) {
            last = readAfter(last, seen);
            reads++;
        }
        int written = 0;
        for (Future<Integer> writer : writers) {
            written += writer.get();
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        last = readAfter(last, seen);

        Set<String> distinct = new HashSet<>(seen);
        assertThat(distinct).as("no event seen twice").hasSize(seen.size());
        assertThat(seen).as("every event seen").hasSize(written);
        assertThat(client.get("/common/eventlog/list/?_statistics=true&_page=1&_page_size=0")
                .header("X-Total-Count")).isEqualTo(String.valueOf(written));
        assertThat(reads).as("the reader polled while the writers ran").isGreaterThan(1);
    }

    /** One poll: appends the ids of new events to {@code seen}, checking their order; answers the last sequence. */
    private long readAfter(long last, List<String> seen) {
        ApiClient.Response page = client.get("/common/eventlog/list/?sequence__gt=" + last
                + "&_order_by=sequence&_page=1&_page_size=1000");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        long previous = last;
        for (JsonNode event : page.json()) {
            long sequence = event.get("sequence").asLong();
            assertThat(sequence).isGreaterThan(previous);
            previous = sequence;
            seen.add(event.get("id").asText());
        }
        return previous;
    }
}
