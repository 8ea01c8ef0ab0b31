package se.accounts.resource;

import java.util.UUID;

/** One object as the API returns it: its JSON and the version its ETag names. */
public record StoredObject(UUID id, long version, byte[] json) {
    public String etag() {
        return Precondition.etagOf(version);
    }
}
