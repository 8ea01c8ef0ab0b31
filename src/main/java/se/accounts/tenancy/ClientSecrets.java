package se.accounts.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Client secrets are 256 random bits the service generates, stored as {@code $sha256$<hex>} and compared in
 * constant time. A slow hash guards guessable passwords; against 256 random bits it adds no safety, only cost: an
 * argon2 verification took about 60 ms and 19 MiB per request with new headers, which made bad credentials the
 * most expensive request (issue 12.3). Hashes that earlier versions stored as argon2id still verify (slowly) and
 * are replaced by the SHA-256 form on their first success.
 */
public final class ClientSecrets {
    private static final String PREFIX = "$sha256$";
    /** Compared against when no activation matched, so a wrong id costs the same as a wrong secret. */
    private static final byte[] DECOY = sha256(SecretHasher.newSecret());

    private ClientSecrets() {
    }

    public static String hash(String secret) {
        return PREFIX + HexFormat.of().formatHex(sha256(secret));
    }

    /** Whether {@code secret} matches {@code storedHash}; a null stored hash is compared against a decoy. */
    public static boolean matches(String secret, String storedHash) {
        if (storedHash != null && !isCurrent(storedHash)) {
            return SecretHasher.verify(secret, storedHash);
        }
        byte[] expected = storedHash == null ? DECOY : parse(storedHash);
        return MessageDigest.isEqual(sha256(secret), expected) && storedHash != null;
    }

    /** False for a hash an earlier version stored (argon2id), which should be replaced after a success. */
    public static boolean isCurrent(String storedHash) {
        return storedHash.startsWith(PREFIX);
    }

    private static byte[] parse(String storedHash) {
        try {
            return HexFormat.of().parseHex(storedHash, PREFIX.length(), storedHash.length());
        } catch (IllegalArgumentException corrupt) {
            return DECOY;
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
