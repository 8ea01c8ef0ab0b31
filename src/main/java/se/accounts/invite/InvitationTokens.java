package se.accounts.invite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import se.accounts.tenancy.SecretHasher;

/**
 * Invitation tokens: 256 random bits, URL-safe, stored only as their SHA-256. A fast hash is right here (unlike for
 * passwords): the token is random, so there is no dictionary to try, and lookups by hash use an index.
 */
final class InvitationTokens {
    private InvitationTokens() {
    }

    static String newToken() {
        return SecretHasher.newSecret();
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
