package se.accounts.entities;

import static se.accounts.model.Attribute.createdAt;
import static se.accounts.model.Attribute.id;
import static se.accounts.model.Attribute.bigInteger;
import static se.accounts.model.Attribute.jsonObject;
import static se.accounts.model.Attribute.string;
import static se.accounts.model.Attribute.toOne;
import static se.accounts.model.Attribute.uuid;

import se.accounts.model.Action;
import se.accounts.model.Entity;

/**
 * The event log (contract 10.1), read through the list engine: one entry per change the API made, written by
 * {@code events.EventWriter} in the transaction of the change. Read-only.
 */
public final class EventLog {
    /**
     * The integration an event names: activations are not an API resource, so this declaration only gives the
     * relation its target's name.
     */
    private static final Entity INTEGRATION = Entity.define("tenancy", "activation")
            .called("integration (activation, the X-PIGELLO-CLIENT-ENTITY header)",
                    "integrations (activations)")
            .build();

    public static final Entity EVENT_LOG = Entity.define("common", "eventlog")
            .path("/common/eventlog/")
            .view("eventlog_view")
            .called("event", "events")
            .fields(
                    id().describedAs("The event's id; receivers of webhooks deduplicate by it."),
                    bigInteger("sequence").readOnly().describedAs("Increases with every event of the customer. Read"
                            + " ?sequence__gt=<last seen>&_order_by=sequence to follow the log: an event becomes"
                            + " visible only after every event with a smaller sequence, so that never misses or"
                            + " repeats one."),
                    createdAt().describedAs("The time of the writing transaction."),
                    string("content_type", 100).readOnly().example("accounts.organizationuser")
                            .describedAs("<app>.<model> of the changed object."),
                    string("event_identifier", 150).readOnly().example("accounts.organizationuser.instanceupdated")
                            .describedAs("<content_type>.instancecreated, .instanceupdated or .instancedeleted;"
                                    + " also accounts.organizationuser.anonymized, accounts.invitation.sent,"
                                    + " accounts.invitation.accepted and accounts.invitation.revoked."),
                    uuid("object_id").readOnly().describedAs("The changed object's id (also after it was deleted)."),
                    string("custom_id", 128).nullable().readOnly().describedAs("The object's custom_id at the time"
                            + " of the event; cleared when the object is anonymized."),
                    jsonObject("event_context").readOnly().describedAs("{\"changed\": [field names]} for updates"
                            + " (names only, never values), {} otherwise."),
                    toOne("triggered_by_integration", () -> INTEGRATION).nullable().readOnly().historical()
                            .describedAs("The activation whose request made the change."),
                    toOne("triggered_by_organization_user", () -> OrganizationUsers.ORGANIZATION_USER).nullable()
                            .readOnly().historical().describedAs("The user, for changes a user makes (accepting an"
                                    + " invitation)."))
            .search("event_identifier", "custom_id")
            .slim("id", "sequence", "event_identifier", "object_id", "custom_id")
            .orderable("sequence", "created_at")
            .describedAs("Every change the API makes, in order: follow it with ?sequence__gt=<last sequence"
                    + " seen>&_order_by=sequence to sync, or subscribe to it with a webhook. Entries older than"
                    + " ACCOUNTS_EVENT_RETENTION_DAYS (default 90) are deleted.")
            .actions(Action.VIEW)
            .withoutEvents()
            .build();

    private EventLog() {
    }
}
