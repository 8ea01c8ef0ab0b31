package se.accounts.model;

/**
 * What declared checks depend on beyond the declaration, handed to them at start (built from the service's Config),
 * so a declaration stays the one place that says how its entity behaves.
 *
 * @param webhookAllowPrivate ACCOUNTS_WEBHOOK_ALLOW_PRIVATE: webhook URLs may resolve to non-public addresses
 * @param hosts               how host names are resolved: the system's DNS; tests answer for it
 */
public record ServiceSettings(boolean webhookAllowPrivate, HostResolver hosts) {
}
