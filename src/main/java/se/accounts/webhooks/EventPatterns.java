package se.accounts.webhooks;

import java.util.List;

/** A subscription's event_identifiers: exact identifiers, or prefixes ending in {@code .*}; none matches all. */
final class EventPatterns {
    private final List<String> patterns;

    EventPatterns(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    boolean matches(String identifier) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (String pattern : patterns) {
            if (pattern.equals(identifier) || pattern.equals("*")
                    || pattern.endsWith(".*") && identifier.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
