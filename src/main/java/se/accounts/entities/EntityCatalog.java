package se.accounts.entities;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import se.accounts.model.Action;
import se.accounts.model.Entity;

/** Every entity the service serves. Adding one is a declaration here plus its migration. */
public final class EntityCatalog {
    public static final List<Entity> ALL = List.of(
            OrganizationUsers.ORGANIZATION_USER,
            Invitations.INVITATION,
            Organizations.ORGANIZATION,
            Roles.ROLE,
            ExternalClients.EXTERNAL_CLIENT,
            Workengagements.WORKENGAGEMENT,
            EventLog.EVENT_LOG,
            Webhooks.WEBHOOK,
            Webhooks.WEBHOOK_DELIVERY);

    /** The list a newcomer's first curl calls. */
    public static final String DEMO_LIST_PATH = OrganizationUsers.ORGANIZATION_USER.path() + "list/";

    static {
        ALL.forEach(Entity::verify);
    }

    private EntityCatalog() {
    }

    /** Every permission some entity offers, for validating operator input. */
    public static Set<String> permissions() {
        Set<String> permissions = new TreeSet<>();
        for (Entity entity : ALL) {
            for (Action action : entity.actions()) {
                permissions.add(entity.permission(action));
            }
        }
        return permissions;
    }
}
