package se.accounts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.Await;
import se.accounts.support.RateWindows;
import se.accounts.support.SeparateService;
import se.accounts.support.TestService;
import se.accounts.support.WebhookReceiver;

class MetricsTest {
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final TestService service = TestService.get();
    private final ApiClient client = service.newCustomer();

    private String scrape() {
        ApiClient.Response response = service.anonymous().get("/metrics");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/plain");
        return response.body();
    }

    /** Every label name=value pair on the lines of the HTTP request family. */
    private static Set<String> requestLabelValues(String scrape) {
        Set<String> values = new TreeSet<>();
        scrape.lines().filter(line -> line.startsWith("http_server_requests_seconds")).forEach(line -> {
            Matcher label = LABEL.matcher(line);
            while (label.find()) {
                values.add(label.group(1) + "=" + label.group(2));
            }
        });
        return values;
    }

    @Test
    void requestsAreCountedByRouteTemplateMethodAndStatusWithAHistogram() {
        String id = client.post("/sales/organization/", Map.of("name", "Metered AB")).json().get("id").asText();
        client.get("/sales/organization/" + id + "/");

        String scrape = scrape();

        assertThat(scrape).containsPattern("http_server_requests_seconds_bucket\\{method=\"GET\","
                + "route=\"/sales/organization/\\{pk\\}/\",status=\"200\",le=\"0\\.0[0-9]+\"}");
        assertThat(scrape).containsPattern("http_server_requests_seconds_count\\{method=\"POST\","
                + "route=\"/sales/organization/\",status=\"201\"}");
        assertThat(scrape).doesNotContain(id);
    }

    @Test
    void poolCacheMailWebhookAndJvmFamiliesAreThere() {
        client.get("/sales/organization/list/");
        client.get("/sales/organization/list/");

        String scrape = scrape();

        assertThat(scrape).contains("hikaricp_connections_active{pool=\"accounts-app\"}",
                "hikaricp_connections_idle{pool=\"accounts-app\"}", "hikaricp_connections_pending{pool=\"accounts-app\"}",
                "hikaricp_connections_acquire_seconds_count{pool=\"accounts-app\"}");
        assertThat(scrape).containsPattern("cache_gets_total\\{cache=\"credentials\",[^}]*result=\"hit\"} [1-9]");
        assertThat(scrape).containsPattern("cache_gets_total\\{cache=\"credentials\",[^}]*result=\"miss\"}");
        assertThat(scrape).contains("accounts_mail_outbox_queued ", "accounts_mail_deliveries_total{outcome=\"sent\"}",
                "accounts_mail_deliveries_total{outcome=\"failed\"}");
        assertThat(scrape).contains("accounts_webhook_deliveries_pending ",
                "accounts_webhook_deliveries_total{outcome=\"delivered\"}",
                "accounts_webhook_deliveries_total{outcome=\"failed\"}");
        assertThat(scrape).contains("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads ");
    }

    /** The value of the sample line that starts with {@code series} (name and labels), 0 when it is absent. */
    private static double sample(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1))).findFirst().orElse(0);
    }

    @Test
    void theEventLogsShareOfAWriteIsTimedPerTransactionAndEventsAreCounted() {
        String before = scrape();
        String organization = client.post("/sales/organization/", Map.of("name", "Timed AB")).json().get("id")
                .asText();
        client.patch("/sales/organization/" + organization + "/", Map.of("name", "Timed och Son AB"));
        client.patch("/sales/organization/" + organization + "/", Map.of("name", "Timed och Son AB"));

        String after = scrape();

        assertThat(sample(after, "accounts_events_write_seconds_count")
                - sample(before, "accounts_events_write_seconds_count")).isEqualTo(2);
        assertThat(sample(after, "accounts_events_written_total")
                - sample(before, "accounts_events_written_total")).isEqualTo(2);
        assertThat(sample(after, "accounts_events_write_seconds_sum"))
                .isGreaterThan(sample(before, "accounts_events_write_seconds_sum"));
    }

    /** Scrapes until the sample of {@code series} is above its value in {@code before} (counted after the fact). */
    private void awaitIncrease(String before, String series) throws InterruptedException {
        Await.until(series + " counted", Duration.ofSeconds(30),
                () -> sample(scrape(), series) > sample(before, series));
    }

    @Test
    void aSentMailIsCountedUnderItsOutcome() throws InterruptedException {
        String before = scrape();
        String user = client.post("/accounts/users/organization/organizationuser/", Map.of("first_name", "Metered",
                "email", "metered." + UUID.randomUUID() + "@example.se", "detail_access", 0)).json().get("id").asText();

        client.post("/accounts/users/auth/invite/organization/organizationuser/", Map.of("id", user));

        awaitIncrease(before, "accounts_mail_deliveries_total{outcome=\"sent\"}");
    }

    @Test
    void aDeliveredWebhookIsCountedUnderItsOutcome() throws InterruptedException {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String before = scrape();
            client.post("/common/webhook/", Map.of("url", receiver.url()));

            client.post("/sales/organization/", Map.of("name", "Hooked AB"));

            awaitIncrease(before, "accounts_webhook_deliveries_total{outcome=\"delivered\"}");
        }
    }

    @Test
    void unknownIdsAndUnknownPathsAddNoLabelValue() {
        client.get("/sales/organization/" + UUID.randomUUID() + "/");
        client.get("/sales/no-such-thing/" + UUID.randomUUID() + "/");
        service.anonymous().get("/sales/organization/" + UUID.randomUUID() + "/");
        Set<String> before = requestLabelValues(scrape());

        UUID unknown = UUID.randomUUID();
        assertThat(client.get("/sales/organization/" + unknown + "/").status()).isEqualTo(404);
        assertThat(client.get("/sales/no-such-thing/" + unknown + "/").status()).isEqualTo(404);
        assertThat(service.anonymous().get("/sales/organization/" + unknown + "/").status()).isEqualTo(401);
        String after = scrape();

        assertThat(requestLabelValues(after)).isEqualTo(before);
        assertThat(after).doesNotContain(unknown.toString()).doesNotContain("no-such-thing");
        assertThat(before).contains("route=unmatched");
    }

    @Test
    void aRequestRefusedBeforeRoutingCountsUnderItsRouteTemplate() {
        service.anonymous().get("/sales/organization/" + UUID.randomUUID() + "/");

        assertThat(scrape()).contains("http_server_requests_seconds_count{method=\"GET\","
                + "route=\"/sales/organization/{pk}/\",status=\"401\"}");
    }

    @Test
    void noCustomerIdAppearsInTheMetrics() {
        client.get("/sales/organization/list/");

        assertThat(scrape()).doesNotContain(client.customerId().toString());
    }

    @Test
    void rateLimitRejectionsAreCounted() throws Exception {
        try (SeparateService limited = new SeparateService(Map.of("ACCOUNTS_RATE_LIMIT_PER_MINUTE", "2"))) {
            ApiClient limitedClient = limited.client();
            RateWindows.awayFromTheEndOfAMinute();
            for (int i = 0; i < 4; i++) {
                limitedClient.get("/sales/organization/list/");
            }

            assertThat(limited.anonymous().get("/metrics").body()).containsPattern(
                    "accounts_rate_limit_rejections_total\\{route=\"[^\"]+\"} [1-9]");
        }
    }

    @Test
    void metricsCanBeTurnedOff() throws Exception {
        try (SeparateService unmetered = new SeparateService(Map.of("ACCOUNTS_METRICS", "false"))) {
            assertThat(unmetered.anonymous().get("/metrics").status()).isEqualTo(404);
        }
    }
}
