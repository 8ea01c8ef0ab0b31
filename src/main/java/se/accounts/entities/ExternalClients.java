package se.accounts.entities;

import static se.accounts.model.Attribute.createdAt;
import static se.accounts.model.Attribute.id;
import static se.accounts.model.Attribute.string;
import static se.accounts.model.Attribute.toOne;

import se.accounts.model.Entity;

/** External client of the organization application: the target of an organization user's external_clients. */
public final class ExternalClients {
    public static final Entity EXTERNAL_CLIENT = Entity.define("organization", "externalclient")
            .path("/organization/externalclient/")
            .table("externalclient")
            .called("external client", "external clients")
            .describedAs("An external client (integration) of the organization application, linked to users through"
                    + " their external_clients.")
            .fields(
                    id(),
                    createdAt(),
                    string("name", 255).required().example("Fortnox"),
                    string("custom_id", 128).nullable(),
                    toOne("organization", () -> Organizations.ORGANIZATION).nullable())
            .search("name", "custom_id")
            .slim("id", "name")
            .build();

    private ExternalClients() {
    }
}
