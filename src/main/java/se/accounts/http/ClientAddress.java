package se.accounts.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The address a request came from, which every per-address limit counts by. It is the socket's peer unless that
 * peer is a trusted proxy (ACCOUNTS_TRUSTED_PROXIES): then {@code X-Forwarded-For} is read from the right, each
 * trusted proxy's entry skipped, and the first address that is not a trusted proxy is the client. Entries further
 * left were written by the client itself and prove nothing. An entry that is not an address ends the walk at the
 * last address known (so a garbled header shares its proxy's bucket rather than naming a fresh one).
 */
final class ClientAddress {
    private static final String ATTRIBUTE = "accounts.clientAddress";
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<AddressRange> trustedProxies;

    ClientAddress(List<AddressRange> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** Resolves the address once per request, before anything counts by it. */
    void resolve(Context ctx) {
        ctx.attribute(ATTRIBUTE, of(ctx.req().getRemoteAddr(), Collections.list(ctx.req().getHeaders(FORWARDED_FOR))));
    }

    /** The client's address, in canonical form. */
    static String of(Context ctx) {
        String address = ctx.attribute(ATTRIBUTE);
        if (address == null) {
            throw new IllegalStateException("client address of " + ctx.path() + " read before it was resolved");
        }
        return address;
    }

    /** {@code forwardedFor}: every X-Forwarded-For header line, in the order received. */
    String of(String socketAddress, List<String> forwardedFor) {
        Optional<InetAddress> peer = AddressRange.literal(withoutPort(socketAddress));
        if (peer.isEmpty()) {
            return socketAddress;
        }
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(line -> hops.addAll(List.of(line.split(","))));
        InetAddress client = peer.get();
        for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
            Optional<InetAddress> hop = AddressRange.literal(withoutPort(hops.get(i).trim()));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get();
        }
        return client.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    /** Some proxies add the port: {@code 192.0.2.1:4711}, {@code [2001:db8::1]:4711}. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon >= 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }
}
