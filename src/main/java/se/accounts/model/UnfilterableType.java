package se.accounts.model;

import java.util.Set;
import org.jooq.DataType;

/** A field type no filter applies to: it offers no operator, and a filter on it is refused with one message. */
abstract class UnfilterableType extends FieldType {
    UnfilterableType(String name, DataType<?> sqlType, String... columnTypes) {
        super(name, Set.of(), sqlType, columnTypes);
    }

    @Override
    public final Parsed parse(Attribute attribute, Operator operator, String text) {
        return Parsed.error("This field cannot be filtered.");
    }
}
