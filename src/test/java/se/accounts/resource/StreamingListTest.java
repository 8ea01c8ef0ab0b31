package se.accounts.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

/**
 * Lists 200,000 wide rows (about 90 MB of JSON) in a test JVM limited to 192 MB of heap, shared with the server:
 * buffering the rows or the body would run out of memory, so passing shows both are streamed.
 */
class StreamingListTest {
    private static final int ROWS = 200_000;

    @Test
    void twoHundredThousandRowsStreamWithBoundedMemory() throws Exception {
        TestService service = TestService.get();
        ApiClient client = service.newCustomer();
        service.database().asOwner(sql -> sql.execute(
                "insert into organization (customer_id, id, name, custom_id)"
                        + " select ?::uuid, gen_random_uuid(), rpad(i::text, 255, 'x'), rpad(i::text, 128, 'y')"
                        + " from generate_series(1, ?) i", client.customerId().toString(), ROWS));

        assertThat(countLines(service, client, "?_jsonl=true")).isEqualTo(ROWS);
        assertThat(countBytesOfArray(service, client)).isGreaterThan(80L * 1024 * 1024);
    }

    private static long countLines(TestService service, ApiClient client, String query) throws Exception {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request(service, client, query),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        try (Stream<String> lines = response.body()) {
            return lines.filter(line -> line.startsWith("{\"id\":")).count();
        }
    }

    private static long countBytesOfArray(TestService service, ApiClient client) throws Exception {
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request(service, client, ""),
                HttpResponse.BodyHandlers.ofInputStream());
        AtomicLong bytes = new AtomicLong();
        try (java.io.InputStream body = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) != -1; ) {
                bytes.addAndGet(n);
            }
        }
        return bytes.get();
    }

    private static HttpRequest request(TestService service, ApiClient client, String query) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl()
                + "/sales/organization/list/" + query));
        client.credentials().headers().forEach(request::header);
        return request.build();
    }
}
