package se.accounts.tenancy;

import java.util.Set;
import java.util.UUID;

/** An authenticated integration: the customer it acts for, its activation and what it may do. */
public record Caller(UUID customerId, UUID activationId, Set<String> permissions) {
    public static final String ALL_PERMISSIONS = "*";

    public boolean may(String permission) {
        return permissions.contains(ALL_PERMISSIONS) || permissions.contains(permission);
    }
}
