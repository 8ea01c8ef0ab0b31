package se.accounts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.LogCapture;
import se.accounts.support.SeparateService;
import se.accounts.support.TestService;

class RequestIdTest {
    private static final String HEADER = "X-Request-Id";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final TestService service = TestService.get();
    private final ApiClient client = service.newCustomer();

    private static String newId() {
        return "test." + UUID.randomUUID();
    }

    @Test
    void aResponseWithoutACallerIdGetsANewOne() {
        String first = client.get("/sales/organization/list/").header(HEADER);
        String second = client.get("/sales/organization/list/").header(HEADER);

        assertThat(first).matches(UUID_PATTERN);
        assertThat(second).matches(UUID_PATTERN).isNotEqualTo(first);
    }

    @Test
    void theCallersValidIdIsAnsweredBack() {
        String id = "Ab9._-" + "x".repeat(122);

        assertThat(client.withHeader(HEADER, id).get("/sales/organization/list/").header(HEADER)).isEqualTo(id);
    }

    @Test
    void anIdOfAnotherShapeIsReplaced() {
        for (String invalid : List.of("x".repeat(129), "has space", "semi;colon", "åäö", "a/b")) {
            assertThat(client.withHeader(HEADER, invalid).get("/sales/organization/list/").header(HEADER))
                    .as(invalid).matches(UUID_PATTERN);
        }
    }

    @Test
    void answersOutsideTheRoutesCarryTheIdToo() {
        String id = newId();

        assertThat(service.anonymous().withHeader(HEADER, id).get("/sales/organization/list/").header(HEADER))
                .as("401").isEqualTo(id);
        assertThat(client.withHeader(HEADER, id).get("/sales/nothing/").header(HEADER)).as("404").isEqualTo(id);
        assertThat(client.withHeader(HEADER, id).get("/sales/organization").header(HEADER)).as("308").isEqualTo(id);
        assertThat(client.withHeader(HEADER, id).withHeader("X-Padding", "y".repeat(20_000))
                .get("/sales/organization/list/").header(HEADER)).as("431").matches(UUID_PATTERN);
    }

    @Test
    void aDeclaredOversizeBodyIsRefusedWithTheId() throws Exception {
        String id = newId();
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(service.baseUrl().replaceAll(".*:", "")))) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /sales/organization/ HTTP/1.1\r\nHost: x\r\n" + HEADER + ": " + id
                    + "\r\nContent-Type: application/json\r\nContent-Length: 99999999\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(300), StandardCharsets.ISO_8859_1);

            assertThat(head).startsWith("HTTP/1.1 413").containsIgnoringCase(HEADER + ": " + id);
        }
    }

    @Test
    void theAccessLogLineCarriesTheId() {
        String id = newId();
        try (LogCapture log = LogCapture.everything()) {
            client.withHeader(HEADER, id).get("/sales/organization/list/");

            assertThat(log.events()).filteredOn(event -> event.getLoggerName().equals("accounts.access"))
                    .filteredOn(event -> event.getFormattedMessage().startsWith("GET /sales/organization/list/"))
                    .extracting(event -> event.getMDCPropertyMap().get("request_id")).contains(id);
        }
    }

    @Test
    void anErrorLoggedForARequestCarriesItsId() throws Exception {
        String id = newId();
        try (SeparateService separate = new SeparateService(); LogCapture log = new LogCapture()) {
            separate.stopDatabase();

            assertThat(separate.anonymous().withHeader(HEADER, id).get("/health/").status()).isEqualTo(503);

            List<ILoggingEvent> outage = log.events().stream()
                    .filter(event -> event.getFormattedMessage().contains("database unavailable")).toList();
            assertThat(outage).extracting(event -> event.getMDCPropertyMap().get("request_id")).containsExactly(id);
            separate.restartDatabase();
        }
    }
}
