package se.accounts.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.accounts.support.RateWindows.awayFromTheEndOfAMinute;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.SeparateService;
import se.accounts.support.ServiceProcess;

/**
 * The address every per-address limit counts by (ACCOUNTS_TRUSTED_PROXIES): the socket's peer, or behind trusted
 * proxies the right-most X-Forwarded-For entry that is not one of them.
 */
class ClientAddressTest {
    private static final String ACCEPT = "/accounts/users/auth/invite/accept/";
    private static final Map<String, String> GUESS = Map.of("token", "guess", "username", "guesser1",
            "password", "guess-guess");

    private static ClientAddress trusting(String... ranges) {
        return new ClientAddress(Arrays.stream(ranges).map(AddressRange::parse).toList());
    }

    @Test
    void withoutTrustedProxiesForwardedForIsIgnored() {
        assertThat(trusting().of("127.0.0.1", List.of("203.0.113.7"))).isEqualTo("127.0.0.1");
    }

    @Test
    void behindTrustedProxiesTheRightMostUntrustedEntryIsTheClient() {
        assertThat(trusting("127.0.0.1/32", "10.0.0.0/8")
                .of("127.0.0.1", List.of("198.51.100.1, 203.0.113.7, 10.1.2.3"))).isEqualTo("203.0.113.7");
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(trusting("10.0.0.0/8").of("192.0.2.9", List.of("10.0.0.1"))).isEqualTo("192.0.2.9");
    }

    @Test
    void severalHeaderLinesAreOneListInTheirOrder() {
        assertThat(trusting("127.0.0.1").of("127.0.0.1", List.of("198.51.100.1", "203.0.113.7")))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void whenEveryEntryIsATrustedProxyTheLeftMostIsTheClient() {
        assertThat(trusting("10.0.0.0/8", "127.0.0.1").of("127.0.0.1", List.of("10.0.0.2, 10.0.0.1")))
                .isEqualTo("10.0.0.2");
    }

    @Test
    void anEntryThatIsNoAddressEndsTheWalkAtTheLastAddressKnown() {
        assertThat(trusting("127.0.0.1").of("127.0.0.1", List.of("203.0.113.7, unknown"))).isEqualTo("127.0.0.1");
        assertThat(trusting("127.0.0.1").of("127.0.0.1", List.of(""))).isEqualTo("127.0.0.1");
    }

    @Test
    void portsAndBracketsAreDroppedAndIpv6IsWrittenOneWay() {
        ClientAddress address = trusting("127.0.0.1", "::1");
        assertThat(address.of("127.0.0.1", List.of("203.0.113.7:4711"))).isEqualTo("203.0.113.7");
        assertThat(address.of("::1", List.of("[2001:DB8::1]:443"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(address.of("127.0.0.1", List.of("2001:db8:0::1"))).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void withoutTrustedProxiesASpoofedForwardedForDoesNotGetAFreshBucket() throws Exception {
        try (SeparateService separate = new SeparateService(Map.of("ACCOUNTS_ACCEPT_LIMIT_PER_MINUTE", "2"))) {
            awayFromTheEndOfAMinute();
            ApiClient anonymous = separate.anonymous();
            assertThat(anonymous.withHeader("X-Forwarded-For", "203.0.113.1").post(ACCEPT, GUESS).status())
                    .isEqualTo(400);
            assertThat(anonymous.withHeader("X-Forwarded-For", "203.0.113.2").post(ACCEPT, GUESS).status())
                    .isEqualTo(400);

            ApiClient.Response spoofed = anonymous.withHeader("X-Forwarded-For", "203.0.113.3").post(ACCEPT, GUESS);

            assertThat(spoofed.status()).isEqualTo(429);
        }
    }

    @Test
    void behindATrustedProxyEachForwardedAddressHasItsOwnBucket() throws Exception {
        try (SeparateService separate = new SeparateService(Map.of("ACCOUNTS_ACCEPT_LIMIT_PER_MINUTE", "2",
                "ACCOUNTS_TRUSTED_PROXIES", "127.0.0.1/32"))) {
            awayFromTheEndOfAMinute();
            ApiClient first = separate.anonymous().withHeader("X-Forwarded-For", "203.0.113.1");
            ApiClient second = separate.anonymous().withHeader("X-Forwarded-For", "198.51.100.1, 203.0.113.2");
            assertThat(first.post(ACCEPT, GUESS).status()).isEqualTo(400);
            assertThat(first.post(ACCEPT, GUESS).status()).isEqualTo(400);

            assertThat(first.post(ACCEPT, GUESS).status()).isEqualTo(429);
            assertThat(second.post(ACCEPT, GUESS).status()).isEqualTo(400);
        }
    }

    @Test
    void aMalformedTrustedProxyRangeRefusesToStartNamingTheVariable() throws Exception {
        String dataDir = Files.createTempDirectory("accounts-bad-proxies").toString();

        assertThatThrownBy(() -> ServiceProcess.start(Map.of("ACCOUNTS_DATA_DIR", dataDir,
                "ACCOUNTS_TRUSTED_PROXIES", "10.0.0.0/8, 10.0.0.0/33")).close())
                .hasMessageContaining("died")
                .hasMessageContaining("ACCOUNTS_TRUSTED_PROXIES")
                .hasMessageContaining("10.0.0.0/33");
    }
}
