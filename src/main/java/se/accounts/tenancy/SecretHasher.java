package se.accounts.tenancy;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * argon2id for client secrets and user passwords. The parameters follow OWASP's first recommendation
 * (19 MiB, 2 passes, 1 lane); a verification takes a few tens of milliseconds, which is why verified
 * credentials are cached for a few seconds.
 */
public final class SecretHasher {
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
    /**
     * Each argon2 run holds 19 MiB, so at most this many run at once: a burst of wrong secrets (or of accepted
     * invitations) waits its turn instead of taking the heap with it. One per core keeps the cores busy.
     */
    private static final Semaphore RUNNING = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Verified against when no stored hash exists, so a wrong id costs the same time as a wrong secret. */
    private static final String DECOY_HASH = hash(newSecret());

    private SecretHasher() {
    }

    public static String hash(String secret) {
        return bounded(() -> Password.hash(secret).addRandomSalt(16).with(ARGON2).getResult());
    }

    /** Constant-time verification; a null stored hash verifies against a decoy and is always false. */
    public static boolean verify(String secret, String storedHash) {
        boolean matches = bounded(() -> Password.check(secret, storedHash == null ? DECOY_HASH : storedHash)
                .with(ARGON2));
        return matches && storedHash != null;
    }

    private static <T> T bounded(Supplier<T> argon2) {
        RUNNING.acquireUninterruptibly();
        try {
            return argon2.get();
        } finally {
            RUNNING.release();
        }
    }

    /** 256 random bits, URL-safe. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
