package se.accounts.entities;

import static se.accounts.model.Attribute.createdAt;
import static se.accounts.model.Attribute.id;
import static se.accounts.model.Attribute.string;
import static se.accounts.model.Attribute.toOne;

import se.accounts.model.Entity;

/** Work engagement of the accounts application (contract 6.4): a kind of work users do, with a display colour. */
public final class Workengagements {
    public static final Entity WORKENGAGEMENT = Entity.define("accounts", "workengagement")
            .path("/accounts/users/organization/workengagement/")
            .called("work engagement", "work engagements")
            .describedAs("A kind of work the customer's users do (property management, say), with a colour for"
                    + " showing it.")
            .fields(
                    id(),
                    createdAt(),
                    string("name", 255).required().example("Fastighetsförvaltning"),
                    string("color_code", 7).nullable().pattern("#[0-9A-Fa-f]{6}", "A hex colour #RRGGBB.")
                            .example("#1A7F3C"),
                    toOne("organization", () -> Organizations.ORGANIZATION).nullable(),
                    string("custom_id", 128).nullable())
            .search("name", "custom_id")
            .slim("id", "name")
            .build();

    private Workengagements() {
    }
}
