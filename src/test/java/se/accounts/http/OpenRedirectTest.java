package se.accounts.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.accounts.support.TestService;

/**
 * The trailing-slash redirect never sends a browser to another host (contract 9): a path that a browser would read
 * as a host ({@code //host}, a backslash, or their percent-encoded forms) is 404, and every Location is
 * root-relative. Sent over a raw socket, because an HTTP client library would refuse or normalize these paths.
 */
class OpenRedirectTest {
    private final TestService service = TestService.get();

    /** The status line and Location header of one request, sent byte for byte as given. */
    private record Answer(int status, Optional<String> location) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example", "//evil.example/", "///evil.example", "//evil.example/x?y=1",
            "/%2Fevil.example", "/%2fevil.example", "/%2F%2Fevil.example", "/%5Cevil.example", "/%5cevil.example",
            "/x%5Cy", "/sales%5Corganization", "/sales/organization%5C"})
    void aPathABrowserCouldReadAsAnotherHostIsNotFound(String path) throws IOException {
        Answer answer = send(path);

        assertThat(answer.status()).as(path).isEqualTo(404);
        assertThat(answer.location()).as(path).isEmpty();
    }

    /** Jetty refuses a literal backslash before any route: its error handler answers 404 too, without Location. */
    @ParameterizedTest
    @ValueSource(strings = {"/\\evil.example", "/\\/evil.example", "/sales/organization\\", "/sales\\organization/"})
    void aPathWithALiteralBackslashIsNotFound(String path) throws IOException {
        Answer answer = send(path);

        assertThat(answer.status()).as(path).isEqualTo(404);
        assertThat(answer.location()).as(path).isEmpty();
    }

    /** Found by fuzzing: Jetty answered other methods than GET, POST and HEAD with an empty 400 instead. */
    @ParameterizedTest
    @ValueSource(strings = {"DELETE", "PATCH", "PUT", "OPTIONS"})
    void aPathWithALiteralBackslashIsNotFoundWhateverTheMethod(String method) throws IOException {
        Answer answer = send(method, "/sales\\organization/");

        assertThat(answer.status()).as(method).isEqualTo(404);
        assertThat(answer.location()).as(method).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales/organization", "/sales/organization?x=//evil.example", "/a//b",
            "/sales/organization?next=%2F%2Fevil.example"})
    void theRedirectLocationIsRootRelative(String path) throws IOException {
        Answer answer = send(path);

        assertThat(answer.status()).as(path).isEqualTo(308);
        assertThat(answer.location()).as(path).hasValueSatisfying(location -> {
            assertThat(location).startsWith("/").doesNotStartWith("//").doesNotContain("\\");
            assertThat(location.substring(0, location.indexOf('/', 1) < 0 ? location.length()
                    : location.indexOf('/', 1))).doesNotContain("%2F").doesNotContain("%5C");
        });
    }

    private Answer send(String path) throws IOException {
        return send("GET", path);
    }

    private Answer send(String method, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(service.baseUrl().replaceAll(".*:", "")))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: accounts.example\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String head = readHead(socket.getInputStream());
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Optional<String> location = Arrays.stream(lines).skip(1)
                    .filter(line -> line.regionMatches(true, 0, "Location:", 0, 9))
                    .map(line -> line.substring(9).trim()).findFirst();
            return new Answer(status, location);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            head.write(c);
            if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
