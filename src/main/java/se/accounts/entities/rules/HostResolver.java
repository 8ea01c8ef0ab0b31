package se.accounts.entities.rules;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name (or address literal) into its addresses: the system's DNS in the service. Tests give one whose
 * answer changes between calls, the way a rebinding attacker's DNS does.
 */
@FunctionalInterface
public interface HostResolver {
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /** Never empty. */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
