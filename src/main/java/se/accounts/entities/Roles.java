package se.accounts.entities;

import static se.accounts.model.Attribute.createdAt;
import static se.accounts.model.Attribute.id;
import static se.accounts.model.Attribute.string;
import static se.accounts.model.Attribute.toOne;

import se.accounts.model.Entity;

/** Role of the accounts application's permission model. */
public final class Roles {
    public static final Entity ROLE = Entity.define("accounts", "role")
            .path("/accounts/permissions/role/")
            .called("role", "roles")
            .describedAs("A role of the accounts permission model, given to organization users.")
            .fields(
                    id(),
                    createdAt(),
                    string("name", 255).required().example("Förvaltare"),
                    string("custom_id", 128).nullable(),
                    toOne("organization", () -> Organizations.ORGANIZATION).nullable())
            .search("name", "custom_id")
            .slim("id", "name")
            .unique("role_name_unique", "name")
            .build();

    private Roles() {
    }
}
