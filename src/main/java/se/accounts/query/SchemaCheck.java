package se.accounts.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record;
import se.accounts.db.Database;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.FieldType;
import se.accounts.model.LinkTable;
import se.accounts.model.UniqueConstraint;

/**
 * Compares every entity's declaration with the database it is about to serve, from {@code information_schema}
 * and {@code pg_catalog}: each field's column with its type, length and nullability; the foreign keys and unique
 * constraints whose names the declarations map back to field messages; the search column's expression; each
 * case-folded field's lowercased copy and its collation; the tenant primary key and the row-level-security
 * policy. Run at start: a declaration and a migration that disagree would otherwise turn a bad reference or a
 * duplicate into a 500, or leave a table open across customers. Views (an entity read through one) are checked
 * for their columns and for running with the caller's rights, which keeps the policies of the tables below them
 * in force. (The one thing the migrations need of the server itself, a default collation that folds case beyond
 * ASCII, is checked before they run: {@link se.accounts.db.CaseFolding}.)
 */
public final class SchemaCheck {
    private static final String CUSTOMER_ID = "customer_id";
    private static final String TENANT_POLICY_FUNCTION = "current_customer_id()";

    private final DSLContext sql;
    private final List<String> mismatches = new ArrayList<>();

    private SchemaCheck(DSLContext sql) {
        this.sql = sql;
    }

    /** Throws, naming every mismatch, unless each entity agrees with the database. */
    public static void verify(Database database, List<Entity> entities) {
        List<String> mismatches = database.asOwner(sql -> mismatches(sql, entities));
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException("The database does not match the entity declarations (fix the"
                    + " declaration or add a migration):\n  " + String.join("\n  ", mismatches));
        }
    }

    /** Every disagreement between the entities and the database, one message each. */
    public static List<String> mismatches(DSLContext sql, List<Entity> entities) {
        SchemaCheck check = new SchemaCheck(sql);
        entities.forEach(check::entity);
        return List.copyOf(check.mismatches);
    }

    private record Column(String type, Integer length, boolean nullable) {
    }

    private void entity(Entity entity) {
        String table = entity.table();
        Optional<Record> relation = sql.fetchOptional("select c.relkind::text as kind, c.relrowsecurity as rls,"
                + " coalesce(array_to_string(c.reloptions, ','), '') as options from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = current_schema() and c.relname = ?", table);
        if (relation.isEmpty()) {
            mismatches.add(entity.model() + ": table " + table + " does not exist");
            return;
        }
        boolean view = relation.get().get("kind", String.class).equals("v");
        if (view != entity.isView()) {
            mismatches.add(entity.model() + ": " + table + " is " + (view ? "a view, declared with table(...);"
                    + " declare it with view(...)" : "a table, declared with view(...); declare it with table(...)")
                    + " (counts of views are never cached)");
        }
        Map<String, Column> columns = columns(table);
        standardColumn(entity, columns, CUSTOMER_ID, "uuid");
        standardColumn(entity, columns, "version", "bigint");
        for (Attribute attribute : entity.attributes()) {
            if (attribute.type().hasColumn()) {
                column(entity, attribute, columns, view);
            }
        }
        entity.searchColumn().ifPresent(column -> searchColumn(entity, column, columns));
        for (Attribute attribute : entity.attributes()) {
            attribute.foldedColumn().ifPresent(folded -> foldedColumn(entity, attribute, folded, columns));
        }
        if (view) {
            if (!relation.get().get("options", String.class).matches("(.*,)?security_invoker=(true|on)(,.*)?")) {
                mismatches.add(entity.model() + ": view " + table + " must be created WITH (security_invoker ="
                        + " true) so the row-level security of its tables applies");
            }
            return;
        }
        tenantTable(entity.model(), table, relation.get().get("rls", Boolean.class));
        Set<String> constraints = constraintNames(table);
        for (UniqueConstraint unique : entity.uniques()) {
            if (!constraints.contains(unique.constraintName())) {
                mismatches.add(entity.model() + "." + unique.field() + ": no unique constraint or unique index "
                        + unique.constraintName() + " on " + table);
            } else if (unique.ignoresCase()
                    && !lowercases(table, unique.constraintName(), entity.require(unique.field()).column())) {
                mismatches.add(entity.model() + "." + unique.field() + ": " + unique.constraintName() + " on "
                        + table + " is declared to ignore case, but its index is neither on lower(...) of the field's"
                        + " column nor on a column generated with it");
            }
        }
        for (Attribute attribute : entity.attributes()) {
            if (attribute.target() != null && !attribute.isReadOnly()) {
                relation(entity, attribute, constraints);
            }
        }
    }

    private Map<String, Column> columns(String table) {
        Map<String, Column> columns = new HashMap<>();
        sql.fetch("select column_name, data_type, character_maximum_length, is_nullable"
                + " from information_schema.columns where table_schema = current_schema() and table_name = ?", table)
                .forEach(row -> columns.put(row.get(0, String.class), new Column(row.get(1, String.class),
                        row.get(2, Integer.class), row.get(3, String.class).equals("YES"))));
        return columns;
    }

    private void standardColumn(Entity entity, Map<String, Column> columns, String name, String type) {
        Column column = columns.get(name);
        if (column == null || !column.type().equals(type)) {
            mismatches.add(entity.model() + ": every entity's table needs the column " + name + " " + type
                    + "; " + entity.table() + (column == null ? " has none" : " has " + column.type()));
        }
    }

    private void column(Entity entity, Attribute attribute, Map<String, Column> columns, boolean view) {
        String where = entity.model() + "." + attribute.name() + ": column " + entity.table() + "."
                + attribute.column();
        Column column = columns.get(attribute.column());
        if (column == null) {
            mismatches.add(where + " does not exist");
            return;
        }
        Set<String> types = attribute.type().columnTypes(attribute);
        if (!types.contains(column.type())) {
            mismatches.add(where + " is " + column.type() + ", the declaration (" + attribute.type()
                    + ") needs " + String.join(" or ", types));
            return;
        }
        if (column.length() != null && !column.length().equals(attribute.maxLength())) {
            mismatches.add(where + " holds at most " + column.length() + " characters, the declaration "
                    + attribute.maxLength());
        }
        if (attribute.isNullable() && !column.nullable()) {
            mismatches.add(where + " is NOT NULL, the declaration nullable");
        } else if (!attribute.isNullable() && column.nullable() && !view) {
            mismatches.add(where + " allows NULL, the declaration does not (add NOT NULL or declare it"
                    + " nullable)");
        }
    }

    /** The generated column must hold exactly the search fields, or a search would miss or invent matches. */
    private void searchColumn(Entity entity, String name, Map<String, Column> columns) {
        String where = entity.model() + ": search column " + entity.table() + "." + name;
        if (!columns.containsKey(name)) {
            mismatches.add(where + " does not exist");
            return;
        }
        String expression = generatedExpression(entity.table(), name);
        if (expression == null) {
            mismatches.add(where + " is not a generated column");
            return;
        }
        Set<Attribute> searched = new HashSet<>(entity.searchAttributes());
        for (Attribute attribute : entity.attributes()) {
            if (attribute.type() != FieldType.STRING || !attribute.type().hasColumn()) {
                continue;
            }
            boolean inExpression = Pattern.compile("(?<![a-z0-9_])" + Pattern.quote(attribute.column())
                    + "(?![a-z0-9_])").matcher(expression).find();
            if (inExpression != searched.contains(attribute)) {
                mismatches.add(where + (inExpression ? " includes " : " leaves out ") + attribute.column()
                        + ", which is " + (inExpression ? "not " : "") + "a search field");
            }
        }
    }

    /** The expression of a stored generated column, or null if the column is not one. */
    private String generatedExpression(String table, String column) {
        return sql.fetchOptional("select pg_get_expr(d.adbin, d.adrelid) from pg_attrdef d"
                + " join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum"
                + " where d.adrelid = ?::regclass and a.attname = ? and a.attgenerated = 's'",
                table, column).map(row -> row.get(0, String.class)).orElse(null);
    }

    /**
     * A case-folded field's copy must be its column lowercased under the default collation, which is how the
     * filters lowercase the value (another folding would miss or invent matches), and have collation "C", or the
     * comparisons would go through the collation again.
     */
    private void foldedColumn(Entity entity, Attribute attribute, String name, Map<String, Column> columns) {
        String where = entity.model() + "." + attribute.name() + ": case-folded column " + entity.table() + "."
                + name;
        String wanted = "text COLLATE \"C\" GENERATED ALWAYS AS (lower(" + attribute.column()
                + "::text COLLATE \"default\")) STORED";
        Column column = columns.get(name);
        if (column == null) {
            mismatches.add(where + " does not exist; add it as " + name + " " + wanted);
            return;
        }
        String expression = generatedExpression(entity.table(), name);
        // Compared without parentheses, which pg_get_expr adds around each part.
        boolean folds = expression != null && expression.replaceAll("[()]", "")
                .equals("lower" + attribute.column() + "::text COLLATE \"default\"");
        String collation = sql.fetchOptional("select c.collname::text from pg_attribute a"
                + " join pg_collation c on c.oid = a.attcollation where a.attrelid = ?::regclass and a.attname = ?",
                entity.table(), name).map(row -> row.get(0, String.class)).orElse("none");
        if (!folds || !column.type().equals("text") || !collation.equals("C")) {
            mismatches.add(where + " is " + column.type() + " COLLATE \"" + collation + "\" "
                    + (expression == null ? "(not generated)" : "GENERATED ALWAYS AS (" + expression + ")")
                    + "; the declaration needs " + wanted);
        }
    }

    private void tenantTable(String owner, String table, boolean rowSecurity) {
        String firstKeyColumn = sql.fetchOptional("select a.attname::text from pg_constraint k"
                + " join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]"
                + " where k.conrelid = ?::regclass and k.contype = 'p'", table)
                .map(row -> row.get(0, String.class)).orElse(null);
        if (!CUSTOMER_ID.equals(firstKeyColumn)) {
            mismatches.add(owner + ": table " + table + " needs a primary key starting with " + CUSTOMER_ID);
        }
        if (!rowSecurity) {
            mismatches.add(owner + ": table " + table + " has no row-level security (use"
                    + " enable_tenant_security('" + table + "'))");
        }
        boolean policy = sql.fetchExists(sql.selectOne().from("pg_policies").where("schemaname = current_schema()")
                .and("tablename = ?", table).and("qual like ?", "%" + TENANT_POLICY_FUNCTION + "%")
                .and("with_check like ?", "%" + TENANT_POLICY_FUNCTION + "%"));
        if (!policy) {
            mismatches.add(owner + ": table " + table + " has no policy confining rows (USING and WITH CHECK) to"
                    + " " + TENANT_POLICY_FUNCTION);
        }
    }

    /**
     * Whether the unique index {@code index} is on {@code column} lowercased: by an expression of the index, or by
     * one of its columns generated with that expression.
     */
    private boolean lowercases(String table, String index, String column) {
        String lowered = "lower\\(.*\\m" + column + "\\M";
        return sql.fetchSingle("select exists (select 1 from pg_index i join pg_class c on c.oid = i.indexrelid"
                + " where i.indrelid = ?::regclass and c.relname = ? and (pg_get_indexdef(i.indexrelid) ~ ?"
                + " or exists (select 1 from pg_attribute a join pg_attrdef d on d.adrelid = a.attrelid"
                + " and d.adnum = a.attnum where a.attrelid = i.indrelid and a.attnum = any(i.indkey)"
                + " and a.attgenerated = 's' and pg_get_expr(d.adbin, d.adrelid) ~ ?)))", table, index, lowered,
                lowered).get(0, Boolean.class);
    }

    private Set<String> constraintNames(String table) {
        Set<String> names = new HashSet<>(sql.fetch("select conname::text from pg_constraint"
                + " where conrelid = ?::regclass", table).getValues(0, String.class));
        names.addAll(sql.fetch("select c.relname::text from pg_index i join pg_class c on c.oid = i.indexrelid"
                + " where i.indrelid = ?::regclass and i.indisunique", table).getValues(0, String.class));
        return names;
    }

    /** The foreign key a violation is mapped back from: named by convention and pointing at the target. */
    private void relation(Entity entity, Attribute attribute, Set<String> ownConstraints) {
        LinkTable link = attribute.link();
        String table = link == null ? entity.table() : link.table();
        String where = entity.model() + "." + attribute.name() + ": ";
        if (link != null) {
            Optional<Boolean> rowSecurity = sql.fetchOptional("select relrowsecurity from pg_class"
                    + " where relnamespace = current_schema()::regnamespace and relname = ?", table)
                    .map(row -> row.get(0, Boolean.class));
            if (rowSecurity.isEmpty()) {
                mismatches.add(where + "link table " + table + " does not exist");
                return;
            }
            Map<String, Column> columns = columns(table);
            for (String column : List.of(CUSTOMER_ID, link.ownerColumn(), link.targetColumn())) {
                if (!columns.containsKey(column) || !columns.get(column).type().equals("uuid")) {
                    mismatches.add(where + "link table " + table + " needs the uuid column " + column);
                }
            }
            tenantTable(entity.model(), table, rowSecurity.get());
        }
        String name = attribute.foreignKeyName(entity);
        Optional<String> target = sql.fetchOptional("select confrelid::regclass::text from pg_constraint"
                + " where conrelid = ?::regclass and conname = ? and contype = 'f'", table, name)
                .map(row -> row.get(0, String.class));
        if (target.isEmpty()) {
            mismatches.add(where + "no foreign key " + name + " on " + table + " (a bad reference would be a"
                    + " server error instead of a message under " + attribute.name() + ")"
                    + (link == null && ownConstraints.stream().anyMatch(c -> c.contains(attribute.name()))
                            ? "; constraints on " + table + " named like it: " + ownConstraints.stream()
                                    .filter(c -> c.contains(attribute.name())).sorted().toList()
                            : ""));
        } else if (!target.get().equals(attribute.target().table())) {
            mismatches.add(where + "foreign key " + name + " points at " + target.get() + ", not "
                    + attribute.target().table());
        }
    }
}
