package se.accounts.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CIDR ranges of ACCOUNTS_TRUSTED_PROXIES: what they contain, and what is refused as a range. */
class AddressRangeTest {
    private static boolean contains(String range, String address) {
        return AddressRange.parse(range).contains(AddressRange.literal(address).orElseThrow());
    }

    @Test
    void anIpv4RangeHoldsTheAddressesUnderItsPrefix() {
        assertThat(contains("10.0.0.0/8", "10.255.3.4")).isTrue();
        assertThat(contains("10.0.0.0/8", "11.0.0.0")).isFalse();
        assertThat(contains("192.168.1.128/25", "192.168.1.200")).isTrue();
        assertThat(contains("192.168.1.128/25", "192.168.1.127")).isFalse();
    }

    @Test
    void anIpv6RangeHoldsTheAddressesUnderItsPrefix() {
        assertThat(contains("2001:db8::/32", "2001:db8:ffff::1")).isTrue();
        assertThat(contains("2001:db8::/32", "2001:db9::1")).isFalse();
        assertThat(contains("fd00::/8", "FD12:3456::7")).isTrue();
    }

    @Test
    void aBareAddressIsARangeOfThatOneAddress() {
        assertThat(contains("127.0.0.1", "127.0.0.1")).isTrue();
        assertThat(contains("127.0.0.1", "127.0.0.2")).isFalse();
        assertThat(contains("::1", "0:0:0:0:0:0:0:1")).isTrue();
    }

    @Test
    void prefixZeroHoldsEveryAddressOfItsFamilyOnly() {
        assertThat(contains("0.0.0.0/0", "203.0.113.9")).isTrue();
        assertThat(contains("0.0.0.0/0", "2001:db8::1")).isFalse();
        assertThat(contains("::/0", "2001:db8::1")).isTrue();
        assertThat(contains("::/0", "203.0.113.9")).isFalse();
    }

    @Test
    void hostBitsBelowThePrefixAreIgnored() {
        assertThat(contains("10.1.2.3/8", "10.9.9.9")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/8x", "10.0.0.0/-1", "10.0.0/8",
            "256.0.0.0/8", "10.0.0.0.0/8", "01.0.0.0/8", "localhost", "localhost/8", "proxy.example/24", "",
            "2001:db8::g/32", "2001:db8:::1", "fe80::1%eth0", "10.0.0.1-10.0.0.9", "10.0.*.*", "/8"})
    void aMalformedRangeIsRefusedWithoutLookingItUp(String text) {
        assertThatThrownBy(() -> AddressRange.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a CIDR range");
    }

    @Test
    void aHostNameIsNeverAnAddress() throws Exception {
        assertThat(AddressRange.literal("localhost")).isEmpty();
        assertThat(AddressRange.literal("1.2.3")).isEmpty();
        assertThat(AddressRange.literal("203.0.113.9")).contains(InetAddress.getByName("203.0.113.9"));
    }
}
