package se.accounts.resource;

import java.util.Optional;

/**
 * An {@code If-Match} header: the ETags under which the client allows the write. ETags are the object's write
 * count, quoted ({@code "3"}); {@code *} matches any existing object and a weak {@code W/"3"} is read as
 * {@code "3"}.
 */
public final class Precondition {
    private final Optional<String> ifMatch;

    private Precondition(Optional<String> ifMatch) {
        this.ifMatch = ifMatch;
    }

    public static Precondition ifMatch(String header) {
        return header == null || header.isBlank() ? NONE : new Precondition(Optional.of(header.trim()));
    }

    /** No If-Match: any version may be written. */
    public static final Precondition NONE = new Precondition(Optional.empty());

    public static String etagOf(long version) {
        return "\"" + version + "\"";
    }

    public boolean allows(long currentVersion) {
        if (ifMatch.isEmpty()) {
            return true;
        }
        String current = etagOf(currentVersion);
        for (String tag : ifMatch.get().split(",")) {
            String trimmed = tag.trim();
            if (trimmed.equals("*") || trimmed.equals(current) || trimmed.equals("W/" + current)) {
                return true;
            }
        }
        return false;
    }
}
