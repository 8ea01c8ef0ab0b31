package se.accounts.entities;

import static se.accounts.model.Attribute.alwaysNull;
import static se.accounts.model.Attribute.bool;
import static se.accounts.model.Attribute.createdAt;
import static se.accounts.model.Attribute.date;
import static se.accounts.model.Attribute.dateTime;
import static se.accounts.model.Attribute.id;
import static se.accounts.model.Attribute.integerEnum;
import static se.accounts.model.Attribute.jsonArray;
import static se.accounts.model.Attribute.notSupportedYet;
import static se.accounts.model.Attribute.string;
import static se.accounts.model.Attribute.toMany;
import static se.accounts.model.Attribute.toOne;

import se.accounts.entities.rules.OrganizationNumber;
import se.accounts.entities.rules.PersonalIdentityNumber;
import se.accounts.model.Action;
import se.accounts.model.Anonymization;
import se.accounts.model.AtLeastOneOf;
import se.accounts.model.EmailAddress;
import se.accounts.model.Entity;
import se.accounts.model.LinkTable;

/**
 * Organization user of the accounts application: a person (or a company acting as one) who works for the
 * customer. Contract section 6.1; every field of the public reference, with its name, type and rule. The names
 * and the email are {@code caseFolded()}: they are the fields integrations filter case-insensitively
 * (icontains, iexact) over customers with hundreds of thousands of users; the other strings are short
 * identifiers usually matched exactly, and keep ILIKE without a stored copy to write.
 */
public final class OrganizationUsers {
    private static final String[] DISTRIBUTION_INSTRUCTIONS = {"invoice_distribution_instruction",
            "reminder_distribution_instruction", "debt_distribution_instruction",
            "send_out_distribution_instruction"};

    public static final Entity ORGANIZATION_USER = Entity.define("accounts", "organizationuser")
            .path("/accounts/users/organization/organizationuser/")
            .called("user", "users")
            .describedAs("A person (or a company acting as one) who works for the customer: the users integrations"
                    + " manage and invite by email.")
            .fields(
                    id(),
                    createdAt(),
                    string("custom_id", 128).nullable(),
                    string("username", 150).minLength(8).nullable().readOnly()
                            .pattern("[\\w.@+-]+", "Letters, digits and @ . + - _ only.").example("anna.svensson")
                            .describedAs("Chosen when the user accepts an invitation; unique per customer."),
                    string("email", 254).nullable().caseFolded().rule(EmailAddress.RULE)
                            .example("anna.svensson@example.se"),
                    bool("email_verified").readOnly()
                            .describedAs("True once an invitation sent to the email was accepted."),
                    string("phone_number", 36).nullable()
                            .pattern("\\+?1?[0-9]{7,15}", "Phone number must be entered in the format:"
                                    + " '+999999999'. Up to 15 digits allowed.").example("+46701234567"),
                    bool("phone_number_verified").readOnly(),
                    string("first_name", 255).nullable().caseFolded().example("Anna"),
                    string("last_name", 255).nullable().caseFolded().example("Svensson"),
                    string("corporate_name", 255).nullable().caseFolded(),
                    string("full_name", 511).nullable().readOnly().notFilterable().example("Anna Svensson"),
                    string("communication_name", 255).nullable().readOnly().notFilterable().example("Anna"),
                    string("ssn", 13).minLength(12).nullable()
                            .rule(new PersonalIdentityNumber("ssn_is_coordination_number")).example("19811218-9876"),
                    bool("ssn_is_coordination_number"),
                    date("birth_date").nullable(),
                    string("org_no", 11).minLength(10).nullable().rule(OrganizationNumber.RULE).example("556036-0793"),
                    string("fmi", 20).minLength(17).nullable().example("FMI-2024-000012345"),
                    toOne("organization", () -> Organizations.ORGANIZATION).nullable(),
                    toOne("role", () -> Roles.ROLE).nullable(),
                    integerEnum("detail_access", 0, 1, 2).required(),
                    bool("is_active"),
                    dateTime("active_to").nullable(),
                    bool("anonymized").describedAs("Setting it true anonymizes the user: the personal fields are"
                            + " cleared, is_active becomes false, pending invitations are revoked. It can never be"
                            + " set back to false, and an anonymized user only takes changes to custom_id and"
                            + " anonymization_name."),
                    string("anonymization_name", 255).nullable(),
                    dateTime("last_login").nullable().readOnly(),
                    bool("mfa_has_totp").readOnly(),
                    bool("mfa_has_hotp").readOnly(),
                    dateTime("hotp_invite_sendout_time").nullable().readOnly()
                            .describedAs("When the last invitation was sent."),
                    bool("prefer_invoice_view_only"),
                    jsonArray(DISTRIBUTION_INSTRUCTIONS[0]).nullable(),
                    jsonArray(DISTRIBUTION_INSTRUCTIONS[1]).nullable(),
                    jsonArray(DISTRIBUTION_INSTRUCTIONS[2]).nullable(),
                    jsonArray(DISTRIBUTION_INSTRUCTIONS[3]).nullable(),
                    toMany("external_clients", () -> ExternalClients.EXTERNAL_CLIENT,
                            new LinkTable("organizationuser_external_client", "organizationuser_id",
                                    "externalclient_id")),
                    alwaysNull("tags"),
                    alwaysNull("customer_columns"),
                    notSupportedYet("profile_picture", "Profile pictures are not supported yet."))
            .search("first_name", "last_name", "corporate_name", "email", "username", "phone_number", "custom_id",
                    "ssn", "org_no")
            .searchColumn("search_text")
            .slim("id", "full_name", "first_name", "last_name", "corporate_name", "email", "username", "is_active",
                    "organization", "role", "detail_access")
            .uniqueIgnoringCase("organizationuser_email_unique", "email")
            .unique("organizationuser_username_unique", "username")
            .rule(AtLeastOneOf.fields("first_name", "last_name", "corporate_name"))
            .anonymizedBy(Anonymization.flag("anonymized")
                    .clears("first_name", "last_name", "corporate_name", "email", "phone_number", "ssn",
                            "birth_date", "org_no", "username", DISTRIBUTION_INSTRUCTIONS[0],
                            DISTRIBUTION_INSTRUCTIONS[1], DISTRIBUTION_INSTRUCTIONS[2], DISTRIBUTION_INSTRUCTIONS[3],
                            "profile_picture")
                    .sets("is_active", false)
                    .sets("email_verified", false)
                    .sets("phone_number_verified", false)
                    .names("anonymization_name", "Anonymized user")
                    .stillWritable("custom_id", "anonymization_name"))
            .actions(Action.VIEW, Action.ADD, Action.CHANGE, Action.DELETE, Action.INVITE)
            .hook(InvitationLifecycle.ENDS_WHEN_THE_USER_CHANGES)
            .hook(StoredResponses.FORGOTTEN_WITH_ANONYMIZATION_OR_DELETION)
            .build();

    private OrganizationUsers() {
    }
}
