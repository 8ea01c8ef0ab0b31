package se.accounts.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import se.accounts.entities.EventLog;
import se.accounts.entities.Invitations;
import se.accounts.entities.OrganizationUsers;
import se.accounts.entities.Webhooks;
import se.accounts.model.Action;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.FieldType;

/**
 * A valid object of any entity, made from its declaration alone: the declared examples of the writable fields,
 * and for required fields without one a value of their type. So a test that loops over the catalog covers an
 * entity added later without being changed.
 */
public final class SampleObjects {
    private SampleObjects() {
    }

    public static Map<String, Object> body(Entity entity) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (Attribute attribute : entity.attributes()) {
            if (attribute.isReadOnly()) {
                continue;
            }
            boolean unique = entity.uniques().stream().anyMatch(u -> u.field().equals(attribute.name()));
            if (attribute.example() != null) {
                body.put(attribute.name(), unique ? distinct(attribute.example().toString())
                        : attribute.example());
            } else if (attribute.isRequired()) {
                body.put(attribute.name(), requiredValue(entity, attribute));
            }
        }
        return body;
    }

    /** A value of a required field's type: its type's sample, a string made distinct; relations need an
     * example, since a related object must exist. */
    private static Object requiredValue(Entity entity, Attribute attribute) {
        if (attribute.type() == FieldType.STRING) {
            return "Sample " + UUID.randomUUID().toString().substring(0, 8);
        }
        Object sample = attribute.type().example(attribute);
        if (sample == null || attribute.type() == FieldType.TO_ONE || attribute.type() == FieldType.TO_MANY) {
            throw new IllegalStateException(entity + "." + attribute + " needs an example");
        }
        return sample;
    }

    /** A value unlike any other sample's, for fields that must be unique per customer. */
    private static String distinct(String example) {
        String random = UUID.randomUUID().toString().substring(0, 8);
        return example.contains("@") ? random + "." + example : example + " " + random;
    }

    /**
     * Creates one object of the entity for the client's customer (an invitation by inviting a new user, an event by
     * creating a user).
     */
    public static JsonNode create(ApiClient client, Entity entity) {
        if (entity.actions().contains(Action.ADD)) {
            ApiClient.Response created = client.post(entity.path(), body(entity));
            assertThat(created.status()).as(entity + ": " + created.body()).isEqualTo(201);
            return created.json();
        }
        if (entity == Invitations.INVITATION) {
            String user = create(client, OrganizationUsers.ORGANIZATION_USER).get("id").asText();
            ApiClient.Response invited = client.post("/accounts/users/auth/invite/organization/organizationuser/",
                    Map.of("id", user));
            assertThat(invited.status()).as(invited.body()).isEqualTo(201);
            return client.get(entity.path() + "list/?user=" + user).json().get(0);
        }
        if (entity == EventLog.EVENT_LOG) {
            String user = create(client, OrganizationUsers.ORGANIZATION_USER).get("id").asText();
            return client.get(entity.path() + "list/?object_id=" + user).json().get(0);
        }
        if (entity == Webhooks.WEBHOOK_DELIVERY) {
            String webhook = client.post(Webhooks.WEBHOOK.path(), Map.of("url", "http://127.0.0.1:9/nobody-listens"))
                    .json().get("id").asText();
            create(client, OrganizationUsers.ORGANIZATION_USER);
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode deliveries = client.get(entity.path() + "list/?webhook=" + webhook).json();
                if (!deliveries.isEmpty()) {
                    return deliveries.get(0);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            throw new AssertionError("no delivery was queued for webhook " + webhook);
        }
        throw new IllegalStateException("no way to create " + entity + " in tests; teach SampleObjects");
    }
}
