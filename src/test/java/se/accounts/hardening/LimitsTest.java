package se.accounts.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.SeparateService;
import se.accounts.support.TestService;

/**
 * The limits that keep one client from exhausting the service: query string and header size, slow clients.
 * (Body size: ErrorBodiesTest; bulk item count: EntityOperationsTest; page size: QueryParserTest; requests per
 * minute: RateLimitTest; accept attempts: MailDeliveryTest.)
 */
class LimitsTest {
    private final TestService service = TestService.get();
    private final ApiClient client = service.newCustomer();

    @Test
    void aQueryStringOverTheLimitIsRefusedWithAJsonBody() {
        ApiClient.Response response = client.get("/sales/organization/list/?name=" + "x".repeat(20_000));

        assertThat(response.status()).isEqualTo(414);
        assertThat(response.json().get("detail").asText()).contains("too long");
    }

    @Test
    void headersOverTheLimitAreRefusedWithAJsonBody() {
        ApiClient.Response response = client.withHeader("X-Padding", "y".repeat(20_000))
                .get("/sales/organization/list/");

        assertThat(response.status()).isEqualTo(431);
        assertThat(response.json().get("detail").asText()).contains("too large");
    }

    @Test
    void aChunkedBodyIsCutOffWith413OnceItCrossesTheLimit() throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                URI.create(service.baseUrl() + "/sales/organization/")).header("Content-Type", "application/json");
        client.credentials().headers().forEach(request::header);
        byte[] chunk = new byte[1024 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        // No length: the client streams it chunked, 11 MiB in all.
        request.POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
                java.util.Collections.enumeration(java.util.Collections.nCopies(11,
                        (InputStream) null).stream().map(unused -> (InputStream) new java.io.ByteArrayInputStream(chunk))
                        .toList()))));

        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("larger than the limit");
    }

    @Test
    void aClientThatStopsSendingIsDisconnectedAfterTheIdleTimeoutWhileOthersAreServed() throws Exception {
        try (SeparateService separate = new SeparateService(Map.of("ACCOUNTS_IDLE_TIMEOUT_SECONDS", "2"))) {
            URI base = URI.create("http://127.0.0.1:" + separate.service().port());
            try (Socket slow = new Socket(base.getHost(), base.getPort())) {
                slow.setSoTimeout(10_000);
                OutputStream out = slow.getOutputStream();
                out.write("GET /health/ HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long started = System.nanoTime();

                assertThat(separate.client().get("/sales/organization/list/").status()).isEqualTo(200);
                InputStream in = slow.getInputStream();
                int read = readUntilClosed(in);
                long seconds = (System.nanoTime() - started) / 1_000_000_000L;

                assertThat(read).isEqualTo(-1);
                assertThat(seconds).isBetween(1L, 8L);
            }
        }
    }

    private static int readUntilClosed(InputStream in) throws IOException {
        int read;
        do {
            read = in.read();
        } while (read != -1);
        return read;
    }
}
