package se.accounts.tenancy;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * argon2id for user passwords, and for verifying the client secrets earlier versions stored with it (new client
 * secrets use {@link ClientSecrets}). The parameters follow OWASP's first recommendation (19 MiB, 2 passes,
 * 1 lane); a run takes a few tens of milliseconds.
 */
public final class SecretHasher {
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
    /**
     * Each argon2 run holds 19 MiB, so at most this many run at once: a burst of accepted invitations (or of
     * guesses against a not yet upgraded client secret) waits its turn instead of taking the heap with it. One per
     * core keeps the cores busy.
     */
    private static final Semaphore RUNNING = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretHasher() {
    }

    public static String hash(String secret) {
        return bounded(() -> Password.hash(secret).addRandomSalt(16).with(ARGON2).getResult());
    }

    /** Constant-time verification against an argon2id hash. */
    public static boolean verify(String secret, String storedHash) {
        return bounded(() -> Password.check(secret, storedHash).with(ARGON2));
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
