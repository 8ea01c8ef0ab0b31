package se.accounts.db;

import java.security.SecureRandom;
import java.util.Base64;

/** Passwords the service generates for database roles: 256 random bits, URL-safe Base64 (no quoting needed). */
final class RandomPasswords {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomPasswords() {
    }

    static String next() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
