package se.accounts.entities;

import static se.accounts.resource.model.Attribute.createdAt;
import static se.accounts.resource.model.Attribute.dateTime;
import static se.accounts.resource.model.Attribute.id;
import static se.accounts.resource.model.Attribute.integer;
import static se.accounts.resource.model.Attribute.string;
import static se.accounts.resource.model.Attribute.toOne;

import se.accounts.resource.model.Action;
import se.accounts.resource.model.Entity;

/**
 * The invitations of organization users (contract 7.3), read through the list engine. Created by inviting
 * ({@code invite.InvitationService}); {@code DELETE} revokes a pending one. The token is never shown.
 */
public final class Invitations {
    public static final Entity INVITATION = Entity.define("accounts", "invitation")
            .path("/accounts/users/auth/invitation/")
            .table("invitation_view")
            .called("invitation", "invitations")
            .fields(
                    id(),
                    createdAt(),
                    toOne("user", () -> OrganizationUsers.ORGANIZATION_USER).readOnly().deletedWithTarget(),
                    dateTime("expires_at").readOnly(),
                    string("status", 16).readOnly(),
                    dateTime("sent_at").nullable().readOnly(),
                    string("delivery_status", 16).readOnly(),
                    integer("delivery_attempts").readOnly(),
                    dateTime("accepted_at").nullable().readOnly())
            .slim("id", "user", "status", "expires_at")
            .actions(Action.VIEW, Action.DELETE)
            .guardedBy(OrganizationUsers.ORGANIZATION_USER.permission(Action.INVITE));

    private Invitations() {
    }
}
