package se.accounts.entities.rules;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The address rule of contract 10.2 against server-side request forgery: a webhook URL is http or https with a
 * host, and the host must not resolve to a loopback, private, link-local or otherwise non-public address (unless
 * ACCOUNTS_WEBHOOK_ALLOW_PRIVATE). Checked when a subscription is written, and at delivery by the resolution the
 * HTTP client connects with ({@link #addressesOf}), so a delivery goes to exactly the addresses that were checked:
 * resolving once to check and again to connect would let a name answer a public address to the check and
 * 127.0.0.1 to the connection (DNS rebinding). A name that does not resolve at all is accepted when written (its
 * DNS may not be set up yet) and fails at delivery.
 */
public final class WebhookAddress {
    public static final String FORM = "Enter an http:// or https:// URL with a host name (and a port from 1 to"
            + " 65535, if any).";
    private static final int MAX_PORT = 65_535;

    private final boolean allowPrivate;
    private final HostResolver resolver;

    /**
     * @param allowPrivate ACCOUNTS_WEBHOOK_ALLOW_PRIVATE: hosts may resolve to non-public addresses
     * @param resolver     how host names are resolved: the system's DNS; tests answer for it
     */
    public WebhookAddress(boolean allowPrivate, HostResolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /**
     * What is wrong with {@code url} as written on a subscription, or empty. Run before the write's transaction
     * (an external check of the url field), and only when a request writes the url: the stored one is checked
     * again at every delivery anyway.
     */
    public Optional<String> problem(String url) {
        Optional<String> host = host(url);
        if (host.isEmpty()) {
            return Optional.of(FORM);
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        try {
            return refusal(host.get(), resolver.resolve(host.get()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * The host of an http or https URL without user info and with no port or one from 1 to 65535, or empty when
     * {@code url} is not one (the URI syntax allows any digits as a port; the HTTP client refuses them).
     */
    public static Optional<String> host(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean web = scheme.equals("http") || scheme.equals("https");
        boolean port = uri.getPort() == -1 || uri.getPort() >= 1 && uri.getPort() <= MAX_PORT;
        return web && port && uri.getRawUserInfo() == null ? Optional.ofNullable(uri.getHost()) : Optional.empty();
    }

    /** The addresses of {@code host}, each of them checked: the only ones a delivery may connect to. */
    public List<InetAddress> addressesOf(String host) throws RefusedAddressException {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new RefusedAddressException("The host " + host + " does not resolve.");
        }
        Optional<String> refused = refusal(host, addresses);
        if (refused.isPresent()) {
            throw new RefusedAddressException(refused.get());
        }
        return addresses;
    }

    private Optional<String> refusal(String host, List<InetAddress> addresses) {
        if (allowPrivate) {
            return Optional.empty();
        }
        return addresses.stream().filter(address -> !isPublic(address)).findFirst()
                .map(address -> "The host " + host + " resolves to a non-public address ("
                        + address.getHostAddress() + "); webhooks are sent to public addresses only.");
    }

    /**
     * The IPv4 address an IPv6 address carries to an IPv4 host, by the forms a network may translate or tunnel:
     * IPv4-compatible ({@code ::a.b.c.d}), NAT64's well-known prefix ({@code 64:ff9b::a.b.c.d}, which a NAT64
     * gateway such as a cloud NAT turns into a connection to a.b.c.d, private addresses included) and 6to4
     * ({@code 2002:aabb:ccdd::}). (IPv4-mapped addresses are already IPv4 to Java.) The address is only as public
     * as the one it carries.
     */
    private static Optional<InetAddress> embeddedIpv4(byte[] b) {
        boolean compatible = Arrays.equals(b, 0, 12, new byte[12], 0, 12);
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && Arrays.equals(b, 4, 12, new byte[8], 0, 8);
        boolean sixToFour = b[0] == 0x20 && b[1] == 0x02;
        if (!compatible && !nat64 && !sixToFour) {
            return Optional.empty();
        }
        int from = sixToFour ? 2 : 12;
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(b, from, from + 4)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            Optional<InetAddress> embedded = embeddedIpv4(b);
            return embedded.isPresent() ? isPublic(embedded.get())
                    : (b[0] & 0xfe) != 0xfc; // fc00::/7, unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first != 0 // "this network"
                && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                && first < 240; // reserved and broadcast
    }
}
