package se.accounts.entities;

import static se.accounts.model.Attribute.bool;
import static se.accounts.model.Attribute.createdAt;
import static se.accounts.model.Attribute.dateTime;
import static se.accounts.model.Attribute.bigInteger;
import static se.accounts.model.Attribute.id;
import static se.accounts.model.Attribute.integer;
import static se.accounts.model.Attribute.string;
import static se.accounts.model.Attribute.stringArray;
import static se.accounts.model.Attribute.toOne;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Optional;
import se.accounts.entities.rules.WebhookAddress;
import se.accounts.json.Json;
import se.accounts.model.Action;
import se.accounts.model.Entity;
import se.accounts.model.RowView;
import se.accounts.model.ValueRule;

/**
 * Webhook subscriptions and their deliveries (contract 10.2). Changes to them are not events. The address rule
 * (rules.WebhookAddress) resolves the URL's host, so it is an external check (made before the write's transaction,
 * on a URL the request writes), built at start from the setting ACCOUNTS_WEBHOOK_ALLOW_PRIVATE and given to the
 * declaration, like to the dispatcher, through the service's settings.
 */
public final class Webhooks {
    private static final ValueRule TIMEOUT = new ValueRule() {
        @Override
        public Optional<String> check(Object value, RowView row) {
            int seconds = (Integer) value;
            return seconds < 10 || seconds > 60 ? Optional.of("Enter a whole number of seconds from 10 to 60.")
                    : Optional.empty();
        }

        @Override
        public String description() {
            return "From 10 to 60.";
        }
    };

    /** The most patterns a subscription may have (contract silent; README "Webhooks"). */
    public static final int MAX_PATTERNS = 100;
    /**
     * Every pattern is compared with every new event by the one dispatcher thread that queues for all customers: a
     * million patterns (a 6 MB body) took 7 s of that thread per thousand events, holding back every customer.
     */
    private static final ValueRule AT_MOST_MAX_PATTERNS = new ValueRule() {
        @Override
        public Optional<String> check(Object value, RowView row) {
            int count;
            try {
                count = Json.MAPPER.readTree(value.toString()).size();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("event_identifiers is always a JSON array", e);
            }
            return count > MAX_PATTERNS ? Optional.of("Enter at most " + MAX_PATTERNS + " patterns; got " + count
                    + ".") : Optional.empty();
        }

        @Override
        public String description() {
            return "At most " + MAX_PATTERNS + " patterns.";
        }
    };

    public static final Entity WEBHOOK = Entity.define("common", "webhook")
            .path("/common/webhook/")
            .view("webhook_view")
            .called("webhook", "webhooks")
            .fields(
                    id(),
                    createdAt(),
                    string("custom_id", 128).nullable(),
                    string("url", 2000).required().example("https://hooks.example.com/accounts")
                            // Schemes are case-insensitive (RFC 3986), as WebhookAddress reads them; spelled
                            // out, since an inline (?i) flag is not JSON Schema's (ECMA-262) regex syntax.
                            .pattern("[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#@]+([/?#]\\S*)?", WebhookAddress.FORM)
                            .checkedExternally(settings -> {
                                WebhookAddress rule = settings.require(WebhookAddress.class);
                                return url -> rule.problem((String) url);
                            })
                            .describedAs("Where events are POSTed: http or https with a host that resolves to public"
                                    + " addresses only."),
                    stringArray("event_identifiers").rule(AT_MOST_MAX_PATTERNS)
                            .example(List.of("accounts.organizationuser.*"))
                            .describedAs("Patterns such as accounts.organizationuser.* or exact event"
                                    + " identifiers; empty: every event."),
                    integer("timeout_seconds").rule(TIMEOUT).describedAs("A delivery without a 2xx answer within"
                            + " this many seconds failed. Default 10."),
                    bool("is_active").describedAs("Inactive subscriptions receive nothing and do not queue."
                            + " Default true."),
                    string("description", 255).nullable(),
                    string("secret", 100).nullable().readOnly().notFilterable().describedAs("Signs every delivery"
                            + " (X-Accounts-Signature). Generated on create and returned only in the create"
                            + " response; null everywhere else."),
                    dateTime("last_delivery_at").nullable().readOnly(),
                    string("last_delivery_status", 16).nullable().readOnly().example("delivered")
                            .describedAs("delivered, retrying or failed (given up): the latest outcome."),
                    integer("consecutive_failures").readOnly())
            .search("url", "description", "custom_id")
            .slim("id", "url", "is_active", "last_delivery_status")
            .describedAs("A subscription to the customer's events, delivered by HTTP POST in batches of at most 100"
                    + " in sequence order, signed with the secret. Changes to webhooks are not events.")
            .withoutEvents()
            .build();

    public static final Entity WEBHOOK_DELIVERY = Entity.define("common", "webhookdelivery")
            .path("/common/webhookdelivery/")
            .view("webhookdelivery_view")
            .called("webhook delivery", "webhook deliveries")
            .fields(
                    id(),
                    createdAt(),
                    toOne("webhook", () -> WEBHOOK).readOnly().deletedWithTarget(),
                    bigInteger("first_sequence").readOnly(),
                    bigInteger("last_sequence").readOnly(),
                    integer("event_count").readOnly(),
                    string("status", 16).readOnly().example("delivered").describedAs("pending, delivered or failed"
                            + " (given up)."),
                    integer("attempts").readOnly(),
                    dateTime("last_attempt_at").nullable().readOnly(),
                    integer("last_response_status").nullable().readOnly(),
                    string("last_error", 255).nullable().readOnly().describedAs("A short reason, never the"
                            + " response body."))
            .slim("id", "webhook", "status", "last_sequence")
            .describedAs("The batches sent to webhooks, read-only.")
            .actions(Action.VIEW)
            .guardedBy(WEBHOOK.permission(Action.VIEW))
            .withoutEvents()
            .build();

    private Webhooks() {
    }
}
