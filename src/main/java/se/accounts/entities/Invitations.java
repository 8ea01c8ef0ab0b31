package se.accounts.entities;

import static se.accounts.model.Attribute.createdAt;
import static se.accounts.model.Attribute.dateTime;
import static se.accounts.model.Attribute.id;
import static se.accounts.model.Attribute.integer;
import static se.accounts.model.Attribute.string;
import static se.accounts.model.Attribute.toOne;

import se.accounts.model.Action;
import se.accounts.model.Entity;

/**
 * The invitations of organization users (contract 7.3), read through the list engine. Created by inviting
 * ({@code invite.InvitationService}); {@code DELETE} revokes a pending one. The token is never shown.
 */
public final class Invitations {
    public static final Entity INVITATION = Entity.define("accounts", "invitation")
            .path("/accounts/users/auth/invitation/")
            .view("invitation_view")
            .called("invitation", "invitations")
            .fields(
                    id(),
                    createdAt(),
                    toOne("user", () -> OrganizationUsers.ORGANIZATION_USER).readOnly().deletedWithTarget(),
                    dateTime("expires_at").readOnly(),
                    string("status", 16).readOnly().example("pending")
                            .describedAs("pending, accepted, revoked or expired (computed from expires_at)."),
                    dateTime("sent_at").nullable().readOnly().describedAs("When the mail left; null until then."),
                    string("delivery_status", 16).readOnly().example("sent")
                            .describedAs("queued, sent or failed: where the invitation mail is."),
                    integer("delivery_attempts").readOnly().describedAs("Delivery attempts so far."),
                    dateTime("accepted_at").nullable().readOnly())
            .slim("id", "user", "status", "expires_at")
            .describedAs("The invitations of organization users, read-only. Invite with POST"
                    + " /accounts/users/auth/invite/organization/organizationuser/; inviting again revokes the pending"
                    + " invitation. Every operation needs the permission accounts.organizationuser.invite.")
            .deleteMeans("Revokes a pending invitation: its token stops working at once. 400 for an invitation"
                    + " that is not pending.")
            .deletedBy(InvitationLifecycle.REVOKE)
            .actions(Action.VIEW, Action.DELETE)
            .guardedBy(OrganizationUsers.ORGANIZATION_USER.permission(Action.INVITE))
            .build();

    private Invitations() {
    }
}
