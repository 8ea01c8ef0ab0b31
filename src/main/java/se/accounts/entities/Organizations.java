package se.accounts.entities;

import static se.accounts.model.Attribute.createdAt;
import static se.accounts.model.Attribute.id;
import static se.accounts.model.Attribute.string;
import static se.accounts.model.Attribute.toOne;

import se.accounts.model.Entity;

/** Organization of the sales application: what organization users and roles belong to; may have a parent. */
public final class Organizations {
    public static final Entity ORGANIZATION = Entity.define("sales", "organization")
            .path("/sales/organization/")
            .called("organization", "organizations")
            .describedAs("An organization of the customer (the sales application's Organization), which users, roles and"
                    + " external clients belong to; organizations may have a parent organization.")
            .fields(
                    id(),
                    createdAt(),
                    string("name", 255).required().example("Fastighets AB Exempel"),
                    toOne("organization", () -> Organizations.ORGANIZATION).nullable().noCycles(),
                    string("custom_id", 128).nullable())
            .search("name", "custom_id")
            .slim("id", "name")
            .unique("organization_name_unique", "name")
            .build();

    private Organizations() {
    }
}
