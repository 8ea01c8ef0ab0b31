package se.accounts.webhooks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import se.accounts.entities.Webhooks;
import se.accounts.model.Change;
import se.accounts.model.WriteHook;

/**
 * The address rule of contract 10.2 against server-side request forgery: a webhook URL is http or https with a
 * host, and the host must not resolve to a loopback, private, link-local or otherwise non-public address (unless
 * ACCOUNTS_WEBHOOK_ALLOW_PRIVATE). Checked when a subscription is written and again before every delivery, since
 * what a name resolves to can change. A name that does not resolve at all is accepted when written (its DNS may
 * not be set up yet) and fails at delivery.
 */
public final class WebhookAddress {
    public static final String FIELD = "url";
    /** The declaration's pattern (scheme and host) says this already; the URI parser may still find more. */
    private static final String SCHEMES = Webhooks.WEBHOOK.require(FIELD).patternDescription();

    private final boolean allowPrivate;

    public WebhookAddress(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** What is wrong with {@code url}, or empty. {@code mustResolve}: whether a name that does not resolve is. */
    public Optional<String> problem(String url, boolean mustResolve) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of(SCHEMES);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean web = scheme.equals("http") || scheme.equals("https");
        if (!web || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.of(SCHEMES);
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return mustResolve ? Optional.of("The host " + uri.getHost() + " does not resolve.") : Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return Optional.of("The host " + uri.getHost() + " resolves to a non-public address ("
                        + address.getHostAddress() + "); webhooks are sent to public addresses only.");
            }
        }
        return Optional.empty();
    }

    /** The rule on the url field of a subscription, checked on create and update before the row is stored. */
    public WriteHook rule() {
        return new WriteHook() {
            @Override
            public void beforeWrite(Change change) {
                if (change.after().get(FIELD) instanceof String url) {
                    problem(url, false).ifPresent(message -> change.errors().add(FIELD, message));
                }
            }
        };
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // fc00::/7, unique local
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
