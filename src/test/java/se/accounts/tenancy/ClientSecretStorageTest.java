package se.accounts.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

/**
 * Client secrets are stored as SHA-256 (contract 2, revised); a hash an earlier version stored as argon2id keeps
 * working and is replaced by the SHA-256 form on its first successful check.
 */
class ClientSecretStorageTest {
    private static final String LIST = "/sales/organization/list/";

    private final TestService service = TestService.get();

    private String storedHash(UUID activation) {
        return service.database().asOwner(sql -> sql.fetchValue(
                "select secret_hash from activation where id = ?", activation).toString());
    }

    /** Stores the secret's hash as the version before this one did. */
    private void storeAsArgon2id(ClientCredentials credentials) {
        service.database().asOwner(sql -> sql.execute("update activation set secret_hash = ? where id = ?",
                SecretHasher.hash(credentials.secret()), credentials.activationId()));
    }

    @Test
    void aNewClientsSecretIsStoredAsSha256AndNeverInClear() {
        ClientCredentials credentials = service.newCredentials();

        String stored = storedHash(credentials.activationId());

        assertThat(stored).matches("\\$sha256\\$[0-9a-f]{64}").doesNotContain(credentials.secret());
    }

    @Test
    void aSecretStoredAsArgon2idAuthenticatesAndIsThenStoredAsSha256() {
        ClientCredentials credentials = service.newCredentials();
        storeAsArgon2id(credentials);
        assertThat(storedHash(credentials.activationId())).startsWith("$argon2id$");

        ApiClient.Response response = service.client(credentials).get(LIST);

        assertThat(response.status()).isEqualTo(200);
        assertThat(storedHash(credentials.activationId())).matches("\\$sha256\\$[0-9a-f]{64}");
    }

    @Test
    void aWrongSecretLeavesAnArgon2idHashAsItWas() {
        ClientCredentials credentials = service.newCredentials();
        storeAsArgon2id(credentials);
        String before = storedHash(credentials.activationId());

        ApiClient.Response response = service.client(credentials)
                .withHeader(ClientCredentials.CLIENT_SECRET, "not-the-secret").get(LIST);

        assertThat(response.status()).isEqualTo(401);
        assertThat(storedHash(credentials.activationId())).isEqualTo(before);
    }

    @Test
    void anUpgradedSecretKeepsWorkingAfterTheCacheExpires() throws InterruptedException {
        ClientCredentials credentials = service.newCredentials();
        storeAsArgon2id(credentials);
        ApiClient client = service.client(credentials);
        assertThat(client.get(LIST).status()).isEqualTo(200);

        Thread.sleep(ClientVerifier.CACHE_TIME.toMillis() + 500);

        assertThat(client.get(LIST).status()).isEqualTo(200);
    }
}
