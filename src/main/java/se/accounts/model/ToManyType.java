package se.accounts.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.impl.SQLDataType;

/**
 * A relation to many objects through a link table: a list of {@code {"id": "<uuid>"}} in JSON (writing it replaces
 * the list), an array of related ids when read. Filtering takes comma-separated ids and matches any of them.
 */
final class ToManyType extends FieldType {
    private static final Set<Operator> EXACT_ONLY = Collections.unmodifiableSet(EnumSet.of(Operator.EXACT));
    private static final String[] NO_IDS = {};
    private static final String EXPECTED = "Expected a list of objects {\"id\": \"<uuid>\"}.";

    /** The ids live in the link table, checked with the relation, so it has no column; they are selected as one
     * array per row, by a subquery over that table or from one grouped pass over it (query/ListSql). */
    ToManyType() {
        super("TO_MANY", EXACT_ONLY, SQLDataType.UUID.array());
    }

    @Override
    public Parsed read(Attribute attribute, JsonNode node) {
        if (!node.isArray()) {
            return Parsed.error(EXPECTED);
        }
        Set<UUID> ids = new LinkedHashSet<>();
        for (JsonNode item : node) {
            Optional<UUID> id = ToOneType.reference(item);
            if (id.isEmpty()) {
                return Parsed.error(EXPECTED);
            }
            ids.add(id.get());
        }
        return Parsed.ok(new ArrayList<>(ids));
    }

    @Override
    public Parsed parse(Attribute attribute, Operator operator, String text) {
        return UuidType.id(text);
    }

    @Override
    public boolean takesList(Operator operator) {
        return true;
    }

    @Override
    public void write(JsonGenerator json, Object value) throws IOException {
        json.writeStartArray();
        for (Object id : (Object[]) value) {
            ToOneType.writeReference(json, id.toString());
        }
        json.writeEndArray();
    }

    /**
     * The ids from the array's text, {@code {id,id}}: a uuid is never quoted in it, and pgjdbc receives uuid[]
     * as text. Reading it through {@link java.sql.Array} took a tenth of an export's time, for empty arrays too.
     */
    @Override
    public Object readColumn(ResultSet row, int column) throws SQLException {
        String ids = row.getString(column);
        if (ids == null) {
            return null;
        }
        return ids.length() == 2 ? NO_IDS : ids.substring(1, ids.length() - 1).split(",");
    }

    /** The same related ids in another order are the same value. */
    @Override
    public boolean same(Object stored, Object written) {
        return new HashSet<>(Arrays.asList((Object[]) stored)).equals(new HashSet<>((List<?>) written));
    }

    @Override
    public ObjectNode schema(Attribute attribute) {
        // A named list: generators give a property that refers to it no default, so an update model leaves the field
        // out unless it is set (an inline array defaults to [], which would clear the relation).
        return object().put("$ref", "#/components/schemas/" + RELATIONS_SCHEMA);
    }

    @Override
    public ObjectNode filterSchema(Attribute attribute) {
        return object().put("type", "string").put("format", "uuid");
    }

    @Override
    public String describe(Attribute attribute) {
        return "The related " + attribute.target().plural() + ", a list of {\"id\": \"<uuid>\"}; writing it replaces"
                + " the list.";
    }

    @Override
    public Object example(Attribute attribute) {
        return JsonNodeFactory.instance.arrayNode();
    }
}
