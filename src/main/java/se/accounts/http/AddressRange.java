package se.accounts.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}; a bare address is the network of
 * that one address). Written here rather than taken from Jetty's {@code InetAddressPattern}: that one also accepts
 * host names (resolving them through DNS while the configuration is read), address ranges and wildcard patterns,
 * and reads a prefix such as {@code 8x} as 8, where a setting should be refused when it is not what it looks like.
 */
public final class AddressRange {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
            + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** Characters of an IPv6 literal (with an IPv4 tail allowed); {@link InetAddress} checks the rest. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private AddressRange(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Parses {@code address/prefix} or a bare address. Host bits below the prefix are ignored, as routers do.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static AddressRange parse(String cidr) {
        String trimmed = cidr.trim();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] address = literal(addressText).orElseThrow(() -> new IllegalArgumentException("'" + trimmed
                + "' is not a CIDR range: '" + addressText + "' is not an IPv4 or IPv6 address")).getAddress();
        int maxPrefix = address.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            String prefixText = trimmed.substring(slash + 1);
            if (!prefixText.matches("\\d{1,3}") || Integer.parseInt(prefixText) > maxPrefix) {
                throw new IllegalArgumentException("'" + trimmed + "' is not a CIDR range: the prefix length after"
                        + " '/' must be a whole number from 0 to " + maxPrefix);
            }
            prefix = Integer.parseInt(prefixText);
        }
        return new AddressRange(masked(address, prefix), prefix, trimmed);
    }

    /** The address written in {@code text}, a literal only: never a host name, so never a DNS lookup. */
    public static Optional<InetAddress> literal(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException malformedIpv6) {
            return Optional.empty();
        }
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        return candidate.length == network.length && Arrays.equals(masked(candidate, prefixLength), network);
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    @Override
    public String toString() {
        return text;
    }
}
