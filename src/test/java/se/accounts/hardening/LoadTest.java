package se.accounts.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

/**
 * Many concurrent connections mixing reads and writes on loopback, bounded in time: nothing but 2xx (and 429),
 * and the heap back where it was afterwards. The CI run is short; the full run is
 * {@code mvn test -Dtest=LoadTest -Dload.connections=500 -Dload.seconds=120} (README, Security and Reliability).
 * The latency percentiles go to target/load-report.txt.
 */
class LoadTest {
    private static final int CONNECTIONS = Integer.getInteger("load.connections", 100);
    private static final int SECONDS = Integer.getInteger("load.seconds", 10);
    private static final String USERS = "/accounts/users/organization/organizationuser/";

    private final TestService service = TestService.get();

    @Test
    void mixedReadsAndWritesUnderLoadGiveNoErrorsAndNoRetainedMemory() throws Exception {
        ApiClient client = service.newCustomer();
        client.post(USERS + "list/", java.util.stream.IntStream.range(0, 200).mapToObj(i -> (Object) Map.of(
                "first_name", "Last" + i, "last_name", "Svensson", "detail_access", 0)).toList());
        // A first short round opens every connection and fills every pool (the client's and the server's), so
        // the heap is compared from there: growth after it would be memory the service keeps per request.
        load(client, 5, new ConcurrentHashMap<>(), new ConcurrentLinkedQueue<>());
        long heapBefore = usedHeapAfterGc();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        load(client, SECONDS, statuses, latencies);
        long heapAfter = usedHeapAfterGc();

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        String report = String.format("%d connections, %d s: %d requests (%.0f/s), statuses %s, p50 %.1f ms,"
                        + " p99 %.1f ms, heap after GC %d MB before, %d MB after%n", CONNECTIONS, SECONDS,
                sorted.size(), sorted.size() / (double) SECONDS, statuses, percentile(sorted, 0.5),
                percentile(sorted, 0.99), heapBefore >> 20, heapAfter >> 20);
        Files.writeString(Path.of("target", "load-report.txt"), report);
        System.out.print(report);

        assertThat(statuses.keySet()).as(report).isSubsetOf(200, 201, 429);
        assertThat(sorted).hasSizeGreaterThan(CONNECTIONS);
        assertThat(heapAfter - heapBefore).as(report).isLessThan(48L << 20);
    }

    private static void load(ApiClient client, int seconds, Map<Integer, AtomicLong> statuses,
                             ConcurrentLinkedQueue<Long> latencies) throws InterruptedException {
        AtomicLong counter = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        for (int c = 0; c < CONNECTIONS; c++) {
            int connection = c;
            pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long n = counter.incrementAndGet();
                    long started = System.nanoTime();
                    ApiClient.Response response = switch ((int) (n % 10)) {
                        case 0 -> client.post(USERS, Map.of("first_name", "Load", "detail_access", 0,
                                "email", "load." + seconds + "." + connection + "." + n + "@x.se"));
                        case 1 -> client.get(USERS + "list/?_search=svensson&_page=1&_page_size=25");
                        case 2 -> client.get(USERS + "list/?first_name__icontains=ast&_statistics=true"
                                + "&_page=1&_page_size=10");
                        default -> client.get(USERS + "list/?_page=1&_page_size=25&_order_by=last_name");
                    };
                    latencies.add(System.nanoTime() - started);
                    statuses.computeIfAbsent(response.status(), s -> new AtomicLong()).incrementAndGet();
                }
                return null;
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS)).isTrue();
    }

    private static double percentile(List<Long> sorted, double fraction) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(sorted.size() * fraction))) / 1e6;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
