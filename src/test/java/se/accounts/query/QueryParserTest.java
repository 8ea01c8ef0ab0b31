package se.accounts.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.LinkTable;
import se.accounts.model.Operator;

/** The list language parsed and planned directly, against an entity with a field of every type. */
class QueryParserTest {
    static final Entity THING = Entity.define("test", "thing").path("/test/thing/").fields(
            Attribute.id(),
            Attribute.createdAt(),
            Attribute.string("name", 255).nullable(),
            Attribute.integer("size").nullable(),
            Attribute.integerEnum("level", 0, 1, 2),
            Attribute.bool("active"),
            Attribute.date("born").nullable(),
            Attribute.toOne("parent", () -> QueryParserTest.THING).nullable(),
            Attribute.toMany("friends", () -> QueryParserTest.THING, new LinkTable("thing_friend", "thing_id",
                    "friend_id")),
            Attribute.jsonArray("notes").nullable(),
            Attribute.alwaysNull("tags"))
            .search("name").slim("id", "name").build();

    private static ListPlan plan(String... pairs) {
        List<QueryParameter> parameters = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.add(new QueryParameter(pairs[i], pairs[i + 1]));
        }
        return ListPlanner.plan(ListRequestParser.parse(parameters), THING);
    }

    private static java.util.Map<String, List<String>> errors(String... pairs) {
        return catchThrowableOfType(InvalidQueryException.class, () -> plan(pairs)).errors();
    }

    static Stream<Arguments> everyOperatorOfEveryType() {
        String id = UUID.randomUUID().toString();
        return Stream.of(
                Arguments.of("name", "Ann", "Ann"),
                Arguments.of("name__contains", "nn", "nn"),
                Arguments.of("name__icontains", "NN", "NN"),
                Arguments.of("name__startswith", "A", "A"),
                Arguments.of("name__istartswith", "a", "a"),
                Arguments.of("name__endswith", "n", "n"),
                Arguments.of("name__iendswith", "N", "N"),
                Arguments.of("name__iexact", "ann", "ann"),
                Arguments.of("name__in", "Ann,Bo", List.of("Ann", "Bo")),
                Arguments.of("name__isnull", "true", true),
                Arguments.of("size", "3", 3),
                Arguments.of("size__gt", "3", 3),
                Arguments.of("size__gte", "-3", -3),
                Arguments.of("size__lt", "3", 3),
                Arguments.of("size__lte", "3", 3),
                Arguments.of("size__in", "1,2", List.of(1, 2)),
                Arguments.of("size__isnull", "False", false),
                Arguments.of("level", "2", 2),
                Arguments.of("level__gt", "7", 7),
                Arguments.of("level__in", "0,1", List.of(0, 1)),
                Arguments.of("active", "True", true),
                Arguments.of("active__in", "true,0", List.of(true, false)),
                Arguments.of("active__isnull", "1", true),
                Arguments.of("born", "2020-02-29", LocalDate.of(2020, 2, 29)),
                Arguments.of("born__lt", "2020-02-29", LocalDate.of(2020, 2, 29)),
                Arguments.of("created_at__gte", "2024-01-01",
                        OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)),
                Arguments.of("created_at__lt", "2024-01-01T12:00:00+02:00",
                        OffsetDateTime.of(2024, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC)),
                Arguments.of("created_at", "2024-01-01T12:00:00",
                        OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC)),
                Arguments.of("id", id, UUID.fromString(id)),
                Arguments.of("id__in", id, List.of(UUID.fromString(id))),
                Arguments.of("parent", id, UUID.fromString(id)),
                Arguments.of("parent__isnull", "true", true),
                Arguments.of("friends", id, List.of(UUID.fromString(id))));
    }

    @ParameterizedTest
    @MethodSource("everyOperatorOfEveryType")
    void operatorParsesItsValueAsTheFieldsType(String parameter, String value, Object expected) {
        Filter filter = plan(parameter, value).filters().get(0);

        assertThat(filter.negated()).isFalse();
        assertThat(expected instanceof List<?> ? filter.values() : filter.value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("everyOperatorOfEveryType")
    void exclamationMarkNegatesTheSameFilter(String parameter, String value, Object expected) {
        Filter filter = plan(parameter + "!", value).filters().get(0);

        assertThat(filter.negated()).isTrue();
        assertThat(expected instanceof List<?> ? filter.values() : filter.value()).isEqualTo(expected);
    }

    @Test
    void noOperatorMeansExact() {
        assertThat(plan("name", "x").filters().get(0).operator()).isEqualTo(Operator.EXACT);
    }

    @Test
    void valuesAreTrimmed() {
        assertThat(plan("name", "  Ann  ").filters().get(0).value()).isEqualTo("Ann");
    }

    @Test
    void emptyValueHasNoEffect() {
        assertThat(plan("name", "  ", "size__gt", "").filters()).isEmpty();
    }

    @Test
    void emptyInListMatchesNothingRatherThanBeingIgnored() {
        Filter filter = plan("id__in", "").filters().get(0);

        assertThat(filter.values()).isEmpty();
    }

    @Test
    void anInListLongerThanTheBoundIsAnErrorNamingTheParameter() {
        String items = String.join(",", java.util.Collections.nCopies(ListPlanner.MAX_LIST_ITEMS + 1, "7"));

        assertThat(errors("size__in", items).get("size__in").get(0))
                .contains("At most " + ListPlanner.MAX_LIST_ITEMS);
        assertThat(plan("size__in", items.substring(2)).filters().get(0).values()).hasSize(ListPlanner.MAX_LIST_ITEMS);
    }

    @Test
    void moreSearchWordsThanTheBoundIsAnError() {
        String words = String.join(" ", java.util.Collections.nCopies(ListPlanner.MAX_SEARCH_TERMS + 1, "w"));

        assertThat(errors("_search", words)).containsKey("_search");
    }

    @Test
    void emptyIsnullIsAnError() {
        assertThat(errors("name__isnull", "")).containsKey("name__isnull");
    }

    @Test
    void quotedInItemsKeepCommasQuotesAndSpaces() {
        Filter filter = plan("name__in", "\"Berg, af\",Andersson, \" padded \",\"say \"\"hi\"\"\"").filters().get(0);

        assertThat(filter.values()).containsExactly("Berg, af", "Andersson", " padded ", "say \"hi\"");
    }

    @Test
    void unterminatedQuoteIsAnError() {
        assertThat(errors("name__in", "\"open,x").get("name__in").get(0)).contains("closing double quote");
    }

    @Test
    void wrongTypedValuesAreErrorsNamingTheParameter() {
        assertThat(errors("born__gt", "yesterday")).containsKey("born__gt");
        assertThat(errors("active", "maybe").get("active").get(0)).contains("true, false");
        assertThat(errors("id", "1").get("id").get(0)).contains("not a valid UUID");
        assertThat(errors("size", "1.5")).containsKey("size");
        assertThat(errors("size", "99999999999")).containsKey("size");
        assertThat(errors("created_at__gte", "2024-13-01")).containsKey("created_at__gte");
        assertThat(errors("size__in", "1,x")).containsKey("size__in");
    }

    @Test
    void enumValueOutsideItsChoicesIsAnErrorForExactAndInOnly() {
        assertThat(errors("level", "5").get("level").get(0)).contains("0, 1, 2");
        assertThat(errors("level__in", "0,9")).containsKey("level__in");
        assertThat(plan("level__lt", "9").filters()).hasSize(1);
    }

    @Test
    void unknownFieldSuggestsTheClosestName() {
        assertThat(errors("nmae__icontains", "x").get("nmae__icontains").get(0))
                .contains("no field 'nmae'").contains("Did you mean 'name__icontains'?");
    }

    @Test
    void unknownOperatorListsTheFieldsOperators() {
        assertThat(errors("name__gt", "x").get("name__gt").get(0)).contains("Unknown operator 'gt'")
                .contains("icontains");
        assertThat(errors("name__icontain", "x").get("name__icontain").get(0))
                .contains("Did you mean 'icontains'?");
    }

    @Test
    void toManyTakesOnlyExactMatches() {
        assertThat(errors("friends__in", UUID.randomUUID().toString())).containsKey("friends__in");
    }

    @Test
    void computedFieldsCannotBeFiltered() {
        assertThat(errors("notes", "x").get("notes").get(0)).contains("cannot be filtered");
        assertThat(errors("tags__isnull", "true")).containsKey("tags__isnull");
    }

    @Test
    void repeatedParameterIsAnError() {
        assertThat(errors("name", "a", "name", "b").get("name").get(0)).contains("2 times");
    }

    @Test
    void unknownReservedParameterSuggestsTheClosest() {
        assertThat(errors("_pagesize", "5").get("_pagesize").get(0)).contains("Did you mean '_page_size'?");
    }

    @Test
    void pageAndPageSizeMustComeTogether() {
        assertThat(errors("_page", "1").get("_page")).containsExactly(
                "This value must be set together with the following fields: _page_size");
        assertThat(errors("_page_size", "1").get("_page_size")).containsExactly(
                "This value must be set together with the following fields: _page");
    }

    @Test
    void pageLimits() {
        assertThat(plan("_page", "2", "_page_size", "1000").page().get().offset()).isEqualTo(1000);
        assertThat(plan("_page", "1", "_page_size", "0").page().get().size()).isZero();
        assertThat(errors("_page", "0", "_page_size", "10")).containsKey("_page");
        assertThat(errors("_page", "1", "_page_size", "1001")).containsKey("_page_size");
        assertThat(errors("_page", "", "_page_size", "")).containsKeys("_page", "_page_size");
        assertThat(errors("_page", "x", "_page_size", "10")).containsKey("_page");
    }

    @Test
    void booleanReservedParameters() {
        ListPlan plan = plan("_slim", "True", "_statistics", "1", "_jsonl", "false");

        assertThat(plan.slim()).isTrue();
        assertThat(plan.statistics()).isTrue();
        assertThat(plan.jsonl()).isFalse();
        assertThat(errors("_slim", "")).containsKey("_slim");
        assertThat(errors("_jsonl", "yes")).containsKey("_jsonl");
    }

    @Test
    void slimSelectsTheSlimFields() {
        assertThat(plan("_slim", "true").outputAttributes()).extracting(Attribute::name)
                .containsExactly("id", "name");
    }

    @Test
    void defaultOrderIsNewestFirstThenId() {
        assertThat(plan().order()).extracting(k -> (k.descending() ? "-" : "") + k.attribute().name())
                .containsExactly("-created_at", "id");
    }

    @Test
    void orderByAppendsIdUnlessNamed() {
        assertThat(plan("_order_by", "name,-created_at").order())
                .extracting(k -> (k.descending() ? "-" : "") + k.attribute().name())
                .containsExactly("name", "-created_at", "id");
        assertThat(plan("_order_by", "-id,name").order())
                .extracting(k -> (k.descending() ? "-" : "") + k.attribute().name())
                .containsExactly("-id", "name");
    }

    @Test
    void emptyOrderByHasNoEffect() {
        assertThat(plan("_order_by", "").order()).hasSize(2);
    }

    @Test
    void orderByUnknownOrRepeatedFieldIsAnError() {
        assertThat(errors("_order_by", "field_a,-field_b").get("_order_by")).hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("'field_a' is not an orderable field"));
        assertThat(errors("_order_by", "name,-name").get("_order_by").get(0)).contains("more than once");
        assertThat(errors("_order_by", "friends")).containsKey("_order_by");
        assertThat(errors("_order_by", "name,")).containsKey("_order_by");
    }

    @Test
    void relationsOrderByTheirId() {
        assertThat(plan("_order_by", "parent").order().get(0).attribute().name()).isEqualTo("parent");
    }

    @Test
    void searchSplitsOnWhitespace() {
        assertThat(plan("_search", "  anna   svensson ").searchTerms()).containsExactly("anna", "svensson");
        assertThat(plan("_search", "   ").searchTerms()).isEmpty();
    }

    @Test
    void nullCharactersAreRefused() {
        assertThat(errors("name", "a\0b").get("name").get(0)).contains("Null characters");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(errors("nope", "1", "size", "x", "_order_by", "zzz")).containsKeys("nope", "size",
                "_order_by");
    }

    @Test
    void nonCanonicalUuidSpellingsAreRefused() {
        assertThat(errors("id", "1-1-1-1-111111111111111111111111111")).containsKey("id");
        assertThat(plan("id", UUID.randomUUID().toString().toUpperCase()).filters()).hasSize(1);
    }

    @Test
    void likeWildcardsInValuesAreEscaped() {
        assertThat(ListSql.escapeLike("50%_off\\")).isEqualTo("50\\%\\_off\\\\");
    }
}
