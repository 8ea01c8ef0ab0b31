package se.accounts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import se.accounts.entities.rules.HostResolver;
import se.accounts.entities.rules.WebhookAddress;
import se.accounts.support.WebhookReceiver;

/**
 * The POST of a delivery connects to the addresses the address rule checked, never to a second answer of the name
 * server (DNS rebinding), against a real receiver on 127.0.0.1.
 */
class WebhookPostTest {
    private static final byte[] BODY = "[]".getBytes(StandardCharsets.UTF_8);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aNameThatAnswersPublicToTheCheckAndLoopbackAfterwardsNeverReachesTheLoopbackReceiver() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> List.of(lookups.getAndIncrement() == 0
                ? InetAddress.getByName("203.0.113.7") : InetAddress.getLoopbackAddress());
        try (WebhookReceiver receiver = new WebhookReceiver();
             WebhookPost post = post(false, rebinding)) {
            // localhost: a client that resolves the name again by itself reaches the receiver through it.
            WebhookPost.Outcome outcome = post.send("http://localhost:" + port(receiver) + "/hooks", Map.of(), BODY,
                    TIMEOUT);

            assertThat(outcome.delivered()).isFalse();
            assertThat(receiver.received()).isEmpty();
            assertThat(lookups).hasValue(1);
        }
    }

    @Test
    void aNameResolvingToLoopbackIsNotSentTo() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             WebhookPost post = post(false, loopbackFor("hooks.example"))) {
            WebhookPost.Outcome outcome = post.send("http://hooks.example:" + port(receiver) + "/hooks", Map.of(),
                    BODY, TIMEOUT);

            assertThat(outcome.status()).isNull();
            assertThat(outcome.error()).startsWith("not sent: ").contains("non-public address (127.0.0.1)");
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void withPrivateAddressesAllowedTheResolvedAddressGetsTheRequestUnderItsName() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             WebhookPost post = post(true, loopbackFor("hooks.example"))) {
            WebhookPost.Outcome outcome = post.send("http://hooks.example:" + port(receiver) + "/hooks",
                    Map.of("X-Accounts-Delivery-Id", "d1"), BODY, TIMEOUT);

            assertThat(outcome.delivered()).isTrue();
            WebhookReceiver.Delivery delivery = receiver.received().get(0);
            assertThat(delivery.header("Host")).isEqualTo("hooks.example:" + port(receiver));
            assertThat(delivery.header("X-Accounts-Delivery-Id")).isEqualTo("d1");
            assertThat(delivery.header("Content-Type")).isEqualTo("application/json");
            assertThat(delivery.body()).isEqualTo("[]");
        }
    }

    @Test
    void aRedirectIsAnsweredNotFollowed() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             WebhookPost post = post(true, HostResolver.SYSTEM)) {
            receiver.redirectTo(receiver.url() + "/elsewhere");

            WebhookPost.Outcome outcome = post.send(receiver.url(), Map.of(), BODY, TIMEOUT);

            assertThat(outcome.status()).isEqualTo(302);
            assertThat(receiver.received()).hasSize(1);
        }
    }

    /**
     * A receiver that answers with an endless header section: the client stops reading it at a bound instead of
     * keeping every header line in memory until the timeout (64 MiB and more in one delivery on a fast link).
     */
    @Test
    void anEndlessHeaderSectionIsCutOffAtABoundNotKeptInMemory() throws Exception {
        long cap = 64L << 20;
        AtomicLong written = new AtomicLong();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             WebhookPost post = post(true, HostResolver.SYSTEM)) {
            Thread answering = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[8192]);
                    OutputStream out = socket.getOutputStream();
                    byte[] line = ("X-Filler: " + "a".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                    while (written.get() < cap) {
                        out.write(line);
                        written.addAndGet(line.length);
                    }
                    Thread.sleep(TIMEOUT.toMillis() + 1000);
                } catch (IOException | InterruptedException stopped) {
                    // the client closed the connection: what it read so far is what it held
                }
            });
            answering.start();

            WebhookPost.Outcome outcome = post.send("http://127.0.0.1:" + server.getLocalPort() + "/hooks", Map.of(),
                    BODY, TIMEOUT);
            answering.join();

            assertThat(outcome.delivered()).isFalse();
            assertThat(written.get()).isLessThan(16L << 20);
        }
    }

    private static WebhookPost post(boolean allowPrivate, HostResolver hosts) {
        return new WebhookPost(new WebhookAddress(allowPrivate, hosts));
    }

    private static HostResolver loopbackFor(String name) {
        return host -> {
            if (!host.equals(name)) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getLoopbackAddress());
        };
    }

    private static int port(WebhookReceiver receiver) {
        return URI.create(receiver.url()).getPort();
    }
}
