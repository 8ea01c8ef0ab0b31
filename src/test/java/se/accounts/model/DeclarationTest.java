package se.accounts.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Declarations are checked when they are built, so a wrong one stops the service before it serves anything. */
class DeclarationTest {
    private static Entity.Builder thing(Attribute.Builder... more) {
        return Entity.define("test", "thing").path("/test/thing/").fields(Attribute.id(), Attribute.createdAt())
                .fields(more);
    }

    @Test
    void minLengthOnABooleanIsRefusedWhenTheEntityIsBuilt() {
        assertThatThrownBy(() -> thing(Attribute.bool("active").minLength(3)).build())
                .hasMessageContaining("thing.active").hasMessageContaining("strings only");
    }

    @Test
    void aPatternOnADateIsRefused() {
        assertThatThrownBy(() -> thing(Attribute.date("born").pattern("\\d+", "digits")).build())
                .hasMessageContaining("thing.born");
    }

    @Test
    void caseFoldingAnIntegerIsRefused() {
        assertThatThrownBy(() -> thing(Attribute.integer("floor").caseFolded()).build())
                .hasMessageContaining("thing.floor").hasMessageContaining("caseFolded");
    }

    @Test
    void aCaseFoldedStringNamesItsFoldedColumn() {
        Entity entity = thing(Attribute.string("name", 50).caseFolded(), Attribute.string("code", 5)).build();

        assertThat(entity.require("name").foldedColumn()).contains("name_folded");
        assertThat(entity.require("code").foldedColumn()).isEmpty();
    }

    @Test
    void aMinimumLongerThanTheMaximumIsRefused() {
        assertThatThrownBy(() -> thing(Attribute.string("code", 5).minLength(6)).build())
                .hasMessageContaining("thing.code");
    }

    @Test
    void noCyclesOnAStringIsRefused() {
        assertThatThrownBy(() -> thing(Attribute.string("name", 5).noCycles()).build())
                .hasMessageContaining("to-one relations only");
    }

    @Test
    void aRequiredReadOnlyFieldIsRefused() {
        assertThatThrownBy(() -> thing(Attribute.string("name", 5).readOnly().required()).build())
                .hasMessageContaining("read-only field cannot be required");
    }

    @Test
    void aFieldDeclaredTwiceIsRefused() {
        assertThatThrownBy(() -> thing(Attribute.string("name", 5), Attribute.string("name", 9)).build())
                .hasMessageContaining("declared twice");
    }

    @Test
    void anEntityWithoutCreatedAtFailsVerification() {
        Entity entity = Entity.define("test", "thing").path("/test/thing/").fields(Attribute.id()).build();
        assertThatThrownBy(entity::verify).hasMessageContaining("created_at");
    }

    @Test
    void anEntityWithoutIdFailsVerification() {
        Entity entity = Entity.define("test", "thing").path("/test/thing/").fields(Attribute.createdAt()).build();
        assertThatThrownBy(entity::verify).hasMessageContaining("id");
    }

    @Test
    void aWellFormedEntityVerifies() {
        Entity entity = thing(Attribute.string("name", 255).minLength(1).required()).build();
        entity.verify();
        assertThat(entity.require("name").minLength()).isEqualTo(1);
    }
}
