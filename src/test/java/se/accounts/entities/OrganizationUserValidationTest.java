package se.accounts.entities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.accounts.model.Attribute;
import se.accounts.model.FieldType;
import se.accounts.support.ApiClient;
import se.accounts.support.SwedishNumbers;
import se.accounts.support.TestService;

/** Every validation rule of the organization user (contract 6.1 and 9), valid and invalid, through HTTP. */
class OrganizationUserValidationTest {
    private static final String USERS = OrganizationUsers.ORGANIZATION_USER.path();
    private static final LocalDate BIRTH = LocalDate.of(1981, 12, 18);

    private final ApiClient client = TestService.get().newCustomer();

    private static Map<String, Object> user(Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        body.put("first_name", "Anna");
        body.put("detail_access", 1);
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private JsonNode created(Map<String, Object> body) {
        ApiClient.Response response = client.post(USERS, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private JsonNode refused(Map<String, Object> body) {
        ApiClient.Response response = client.post(USERS, body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        return response.json();
    }

    private static List<String> messages(JsonNode errors, String field) {
        assertThat(errors.has(field)).as("errors %s name %s", errors, field).isTrue();
        List<String> messages = new ArrayList<>();
        errors.get(field).forEach(message -> messages.add(message.asText()));
        return messages;
    }

    /** A raw body: Java values cannot spell numbers such as 1e999999999 as the client sends them. */
    private ApiClient.Response postRaw(String path, String json) {
        return client.send("POST", path, json, Map.of());
    }

    private static final String NUMBER_LIMITS = "at most 131072 digits before the decimal point and 16383 after it";

    @Test
    void aHugeNumberInAJsonArrayFieldIsA400UnderTheField() {
        ApiClient.Response response = postRaw(USERS, "{\"first_name\": \"Anna\", \"detail_access\": 1,"
                + " \"invoice_distribution_instruction\": [{\"a\": 1e999999999}]}");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(messages(response.json(), "invoice_distribution_instruction")).containsExactly(
                "The number at [0].a cannot be stored: a number can have " + NUMBER_LIMITS + ".");
    }

    @Test
    void aHugeNumberSentByPatchIsA400UnderTheField() {
        String id = created(user()).get("id").asText();

        ApiClient.Response response = client.send("PATCH", USERS + id + "/",
                "{\"invoice_distribution_instruction\": [{\"a\": 1e999999999}]}", Map.of());

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(messages(response.json(), "invoice_distribution_instruction").get(0)).contains(NUMBER_LIMITS);
    }

    @Test
    void aTinyNumberDeepInsideAJsonArrayFieldIsA400UnderTheField() {
        ApiClient.Response response = postRaw(USERS, "{\"first_name\": \"Anna\", \"detail_access\": 1,"
                + " \"invoice_distribution_instruction\": [{\"a\": 1}, {\"b\": {\"c\": [2, -1e-999999999]}}]}");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(messages(response.json(), "invoice_distribution_instruction")).containsExactly(
                "The number at [1].b.c[1] cannot be stored: a number can have " + NUMBER_LIMITS + ".");
    }

    @Test
    void aNumberTooLongToParseIsA400UnderItsFieldNotAParseError() {
        String tooLong = "9".repeat(131_072 + 16_383 + 17);

        ApiClient.Response response = postRaw(USERS, "{\"first_name\": \"Anna\", \"detail_access\": 1,"
                + " \"invoice_distribution_instruction\": [{\"a\": " + tooLong + "}]}");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(messages(response.json(), "invoice_distribution_instruction").get(0))
                .startsWith("The number at [0].a is longer than")
                .contains(NUMBER_LIMITS);
    }

    @Test
    void aNumberTooLongToParseInABulkWriteIsAnErrorOfItsItem() {
        String tooLong = "1" + "0".repeat(131_072 + 16_383 + 16) + ".5";

        ApiClient.Response response = postRaw(USERS + "list/", "[{\"first_name\": \"Anna\", \"detail_access\": 1},"
                + " {\"first_name\": \"Bo\", \"detail_access\": " + tooLong + "}]");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get(0).isEmpty()).isTrue();
        assertThat(messages(response.json().get(1), "detail_access").get(0)).startsWith("This number is longer")
                .contains(NUMBER_LIMITS);
    }

    @Test
    void aLongIntegerInAnIntegerFieldIsTheFieldsOwnError() {
        ApiClient.Response response = postRaw(USERS, "{\"first_name\": \"Anna\", \"detail_access\": "
                + "9".repeat(5000) + "}");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(messages(response.json(), "detail_access").get(0)).startsWith("\"");
    }

    @Test
    void theLargestAndSmallestStorableNumbersAreStored() {
        ApiClient.Response response = postRaw(USERS, "{\"first_name\": \"Anna\", \"detail_access\": 1,"
                + " \"invoice_distribution_instruction\": [{\"big\": 9e131071, \"small\": -1e-16383, \"long\": "
                + "7".repeat(131_072) + "." + "3".repeat(16_383) + "}]}");

        assertThat(response.status()).as(response.body().substring(0, 200)).isEqualTo(201);
        JsonNode stored = response.json().get("invoice_distribution_instruction").get(0);
        assertThat(stored.get("big").decimalValue()).isEqualByComparingTo("9e131071");
        assertThat(stored.get("small").decimalValue()).isEqualByComparingTo("-1e-16383");
        assertThat(stored.get("long").decimalValue().precision()).isEqualTo(131_072 + 16_383);
    }

    @Test
    void aUserWithNoNameGetsTheRuleUnderEachNameFieldInItsOwnWords() {
        Map<String, Object> body = user();
        body.remove("first_name");

        JsonNode errors = refused(body);

        assertThat(messages(errors, "first_name")).containsExactly(
                "This field, or at least one of the following fields must be set: last_name, corporate_name");
        assertThat(messages(errors, "last_name")).containsExactly(
                "This field, or at least one of the following fields must be set: first_name, corporate_name");
        assertThat(messages(errors, "corporate_name")).containsExactly(
                "This field, or at least one of the following fields must be set: first_name, last_name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"first_name", "last_name", "corporate_name"})
    void anyOneNameIsEnough(String field) {
        Map<String, Object> body = user();
        body.remove("first_name");
        body.put(field, "Åsa");

        assertThat(created(body).get(field).asText()).isEqualTo("Åsa");
    }

    @Test
    void blankNamesCountAsNoName() {
        JsonNode errors = refused(user("first_name", "   ", "last_name", "", "corporate_name", null));

        assertThat(errors.has("first_name")).isTrue();
    }

    @Test
    void clearingTheOnlyNameIsRefused() {
        String id = created(user()).get("id").asText();

        ApiClient.Response response = client.patch(USERS + id + "/", Map.of("first_name", ""));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().has("last_name")).isTrue();
    }

    @Test
    void unicodeNamesAreKeptAndMakeTheComputedNames() {
        JsonNode user = created(user("first_name", "Åsa", "last_name", "Öberg", "corporate_name", "Ängel AB"));

        assertThat(user.get("full_name").asText()).isEqualTo("Åsa Öberg");
        assertThat(user.get("communication_name").asText()).isEqualTo("Åsa");
    }

    @Test
    void aCorporateUserIsNamedByItsCorporateName() {
        Map<String, Object> body = user("corporate_name", "Fastighets AB Ström");
        body.remove("first_name");

        JsonNode user = created(body);

        assertThat(user.get("full_name").asText()).isEqualTo("Fastighets AB Ström");
        assertThat(user.get("communication_name").asText()).isEqualTo("Fastighets AB Ström");
    }

    @Test
    void aLastNameAloneIsTheFullNameAndTheCommunicationName() {
        Map<String, Object> body = user("last_name", "Lind");
        body.remove("first_name");

        JsonNode user = created(body);

        assertThat(user.get("full_name").asText()).isEqualTo("Lind");
        assertThat(user.get("communication_name").asText()).isEqualTo("Lind");
    }

    @Test
    void detailAccessIsRequiredOnCreate() {
        Map<String, Object> body = user();
        body.remove("detail_access");

        assertThat(messages(refused(body), "detail_access")).containsExactly("This field is required.");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 3, 100})
    void detailAccessOutsideItsChoicesIsRefusedNamingThem(int value) {
        assertThat(messages(refused(user("detail_access", value)), "detail_access").get(0))
                .contains("Valid choices: 0, 1, 2.");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void detailAccessTakesEachOfItsChoices(int value) {
        assertThat(created(user("detail_access", value)).get("detail_access").asInt()).isEqualTo(value);
    }

    @Test
    void detailAccessMayNotBeNull() {
        assertThat(refused(user("detail_access", null)).has("detail_access")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"anna@example.se", "anna.berg+hyra@fastighet.example.com", "o'neil@example.org",
            "anna@bröderna-ek.se", "x@[192.168.0.1]", "a@b.co"})
    void validEmailAddressesAreAccepted(String email) {
        assertThat(created(user("email", email)).get("email").asText()).isEqualTo(email);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anna", "anna@", "@example.se", "anna@example", "anna@@example.se", "anna berg@x.se",
            "anna..berg@x.se", ".anna@x.se", "anna@-x.se", "anna@x.s", "anna@x_y.se"})
    void invalidEmailAddressesAreRefused(String email) {
        assertThat(messages(refused(user("email", email)), "email")).containsExactly("Enter a valid email address.");
    }

    @Test
    void anEmailLongerThan254CharactersIsRefused() {
        String email = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + ".se";

        assertThat(messages(refused(user("email", email)), "email").get(0)).contains("no more than 254");
    }

    @Test
    void emailIsUniquePerCustomerIgnoringCase() {
        created(user("email", "Anna@x.se"));

        assertThat(messages(refused(user("email", "anna@X.SE")), "email"))
                .containsExactly("User with this email already exists.");
    }

    @Test
    void usersWithoutEmailDoNotCollide() {
        created(user());
        created(user());
    }

    @Test
    void changingTheCaseOfOnesOwnEmailIsAllowed() {
        String id = created(user("email", "case@x.se")).get("id").asText();

        ApiClient.Response response = client.patch(USERS + id + "/", Map.of("email", "CASE@x.se"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+46701234567", "0701234567", "1234567", "+1123456789012345", "123456789012345"})
    void phoneNumbersMatchingThePatternAreAccepted(String phone) {
        assertThat(created(user("phone_number", phone)).get("phone_number").asText()).isEqualTo(phone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"070-123 45 67", "123456", "+46 70 123 45 67", "phone", "++46701234567",
            "2234567890123456", "٠٧٠١٢٣٤٥٦٧"})
    void phoneNumbersNotMatchingThePatternAreRefused(String phone) {
        assertThat(messages(refused(user("phone_number", phone)), "phone_number").get(0))
                .contains("'+999999999'");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aPersonalIdentityNumberIsAcceptedWithOrWithoutTheDash(boolean dash) {
        String ssn = SwedishNumbers.personalNumber(BIRTH, 987, false, dash);

        assertThat(created(user("ssn", ssn)).get("ssn").asText()).isEqualTo(ssn);
    }

    @Test
    void aPersonalIdentityNumberWithAWrongCheckDigitIsRefused() {
        String valid = SwedishNumbers.personalNumber(BIRTH, 987, false, false);
        String wrong = valid.substring(0, 11) + (char) ('0' + (valid.charAt(11) - '0' + 1) % 10);

        assertThat(messages(refused(user("ssn", wrong)), "ssn").get(0)).contains("Luhn");
    }

    @Test
    void theChecksumCoversOnlyTheLastTenDigits() {
        String valid = SwedishNumbers.personalNumber(LocalDate.of(1981, 12, 18), 987, false, false);
        String otherCentury = "20" + valid.substring(2);

        assertThat(created(user("ssn", otherCentury)).get("ssn").asText()).isEqualTo(otherCentury);
    }

    @ParameterizedTest
    @ValueSource(strings = {"19811218987", "1981121898765", "19811218+9876", "198112-189876", "abcdefghijkl",
            "19811218 9876"})
    void aPersonalIdentityNumberInAnotherFormatIsRefused(String ssn) {
        assertThat(refused(user("ssn", ssn)).has("ssn")).isTrue();
    }

    @Test
    void thePersonalIdentityNumbersDateMustBeReal() {
        String february30 = SwedishNumbers.personalNumber(LocalDate.of(1981, 2, 28), 987, false, false)
                .replace("19810228", "19810230");
        String fixedCheck = february30.substring(0, 11) + SwedishNumbers.checkDigit(february30.substring(2, 11));

        assertThat(messages(refused(user("ssn", fixedCheck)), "ssn").get(0)).contains("not a real date");
    }

    @Test
    void aLeapDayIsARealDate() {
        String leapDay = SwedishNumbers.personalNumber(LocalDate.of(2000, 2, 29), 123, false, true);

        assertThat(created(user("ssn", leapDay)).get("ssn").asText()).isEqualTo(leapDay);
    }

    @Test
    void aCoordinationNumberNeedsTheFlag() {
        String coordination = SwedishNumbers.personalNumber(BIRTH, 987, true, false);

        assertThat(messages(refused(user("ssn", coordination)), "ssn").get(0))
                .contains("ssn_is_coordination_number");
    }

    @Test
    void aCoordinationNumberWithTheFlagIsAccepted() {
        String coordination = SwedishNumbers.personalNumber(BIRTH, 987, true, false);

        JsonNode user = created(user("ssn", coordination, "ssn_is_coordination_number", true));

        assertThat(user.get("ssn").asText()).isEqualTo(coordination);
        assertThat(user.get("ssn_is_coordination_number").asBoolean()).isTrue();
    }

    @Test
    void theFlagRefusesAnOrdinaryPersonalIdentityNumber() {
        String ordinary = SwedishNumbers.personalNumber(BIRTH, 987, false, false);

        assertThat(messages(refused(user("ssn", ordinary, "ssn_is_coordination_number", true)), "ssn").get(0))
                .contains("coordination number");
    }

    @Test
    void settingTheFlagLaterRechecksTheStoredNumber() {
        String id = created(user("ssn", SwedishNumbers.personalNumber(BIRTH, 987, false, false)))
                .get("id").asText();

        ApiClient.Response response = client.patch(USERS + id + "/", Map.of("ssn_is_coordination_number", true));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().has("ssn")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anOrganisationNumberIsAcceptedWithOrWithoutTheDash(boolean dash) {
        String number = SwedishNumbers.organizationNumber("556036079", dash);

        assertThat(created(user("org_no", number)).get("org_no").asText()).isEqualTo(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5560360794", "556036-0794", "556036079", "55603607930", "5560-360793", "556036079X"})
    void anOrganisationNumberWithAWrongCheckDigitOrFormatIsRefused(String number) {
        assertThat(refused(user("org_no", number)).has("org_no")).isTrue();
    }

    @Test
    void fmiMustHave17To20Characters() {
        assertThat(refused(user("fmi", "1".repeat(16))).has("fmi")).isTrue();
        assertThat(refused(user("fmi", "1".repeat(21))).has("fmi")).isTrue();
        assertThat(created(user("fmi", "1".repeat(17))).get("fmi").asText()).hasSize(17);
        assertThat(created(user("fmi", "1".repeat(20))).get("fmi").asText()).hasSize(20);
    }

    @Test
    void everyWritableStringFieldRefusesOneCharacterMoreThanItsMaximum() {
        for (Attribute attribute : OrganizationUsers.ORGANIZATION_USER.attributes()) {
            if (attribute.type() != FieldType.STRING || attribute.isReadOnly()) {
                continue;
            }
            JsonNode errors = refused(user(attribute.name(), "x".repeat(attribute.maxLength() + 1)));

            assertThat(messages(errors, attribute.name())).as(attribute.name())
                    .contains("Ensure this field has no more than " + attribute.maxLength() + " characters.");
        }
    }

    @Test
    void lengthsCountCharactersNotBytes() {
        JsonNode user = created(user("first_name", "Å".repeat(255)));

        assertThat(user.get("first_name").asText()).hasSize(255);
    }

    @Test
    void relationsToObjectsThatDoNotExistAreFieldErrors() {
        String missing = "01890000-0000-7000-8000-000000000000";

        JsonNode errors = refused(user("organization", Map.of("id", missing)));
        assertThat(messages(errors, "organization").get(0)).contains("no organization with the given id");
        errors = refused(user("role", Map.of("id", missing)));
        assertThat(messages(errors, "role").get(0)).contains("no role with the given id");
        errors = refused(user("external_clients", List.of(Map.of("id", missing))));
        assertThat(messages(errors, "external_clients").get(0)).contains("no external client with the given id");
    }

    @Test
    void relationsToTheCustomersOwnObjectsAreStored() {
        String organization = client.post("/sales/organization/", Map.of("name", "Org")).json().get("id").asText();
        String role = client.post("/accounts/permissions/role/", Map.of("name", "Role")).json().get("id").asText();
        String externalClient = client.post("/organization/externalclient/", Map.of("name", "Fortnox"))
                .json().get("id").asText();

        JsonNode user = created(user("organization", Map.of("id", organization), "role", Map.of("id", role),
                "external_clients", List.of(Map.of("id", externalClient))));

        assertThat(user.get("organization").get("id").asText()).isEqualTo(organization);
        assertThat(user.get("role").get("id").asText()).isEqualTo(role);
        assertThat(user.get("external_clients").findValuesAsText("id")).containsExactly(externalClient);
    }

    @Test
    void distributionInstructionsAreStoredAndReturnedAsGiven() {
        List<Object> instruction = List.of(Map.of("method", "email", "nested", Map.of("copies", 2)));

        JsonNode user = created(user("invoice_distribution_instruction", instruction));

        assertThat(user.get("invoice_distribution_instruction").toString())
                .isEqualTo("[{\"method\":\"email\",\"nested\":{\"copies\":2}}]");
        assertThat(user.get("reminder_distribution_instruction").isNull()).isTrue();
    }

    @Test
    void distributionInstructionsMustBeArraysOfObjects() {
        assertThat(refused(user("debt_distribution_instruction", List.of(1, 2))).has("debt_distribution_instruction"))
                .isTrue();
        assertThat(refused(user("send_out_distribution_instruction", Map.of("a", 1)))
                .has("send_out_distribution_instruction")).isTrue();
    }

    @Test
    void aProfilePictureIsRefusedUntilUploadsExist() {
        JsonNode errors = refused(user("profile_picture", Map.of("name", "me.png", "md5_hash", "abc")));

        assertThat(messages(errors, "profile_picture")).containsExactly("Profile pictures are not supported yet.");
    }

    @Test
    void aNullProfilePictureIsAccepted() {
        assertThat(created(user("profile_picture", null)).get("profile_picture").isNull()).isTrue();
    }

    @Test
    void readOnlyFieldsSentInABodyAreIgnored() {
        JsonNode user = created(user("username", "chosen-by-client", "email_verified", true, "full_name", "X",
                "last_login", "2024-01-01T00:00:00Z", "mfa_has_totp", true, "tags", List.of("a"),
                "customer_columns", Map.of()));

        assertThat(user.get("username").isNull()).isTrue();
        assertThat(user.get("email_verified").asBoolean()).isFalse();
        assertThat(user.get("full_name").asText()).isEqualTo("Anna");
        assertThat(user.get("last_login").isNull()).isTrue();
        assertThat(user.get("mfa_has_totp").asBoolean()).isFalse();
        assertThat(user.get("tags").isNull()).isTrue();
        assertThat(user.get("customer_columns").isNull()).isTrue();
    }

    @Test
    void defaultsApplyToFieldsNotSent() {
        JsonNode user = created(user());

        assertThat(user.get("is_active").asBoolean()).isTrue();
        assertThat(user.get("anonymized").asBoolean()).isFalse();
        assertThat(user.get("prefer_invoice_view_only").asBoolean()).isFalse();
        assertThat(user.get("ssn_is_coordination_number").asBoolean()).isFalse();
        assertThat(user.get("external_clients").isArray()).isTrue();
        assertThat(user.get("external_clients")).isEmpty();
    }

    @Test
    void everyProblemOfAnObjectIsReportedAtOnce() {
        JsonNode errors = refused(user("detail_access", 7, "email", "nope", "org_no", "5560360794",
                "phone_number", "x", "colour", "red"));

        assertThat(errors.fieldNames()).toIterable()
                .contains("detail_access", "email", "org_no", "phone_number", "colour");
    }
}
