package se.accounts.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one declaration of an entity from which routes, SQL, JSON reading and writing, validation and the API
 * reference are derived. Every entity's table has {@code customer_id}, {@code id}, {@code created_at} and a
 * {@code version} (for ETags), with the primary key {@code (customer_id, id)}. Immutable: declared through a
 * {@link Builder}, whose {@code build()} builds and checks each field; {@link #verify()} checks what needs the
 * other entities, once the catalog is complete.
 */
public final class Entity {
    public static final String ID = "id";
    public static final String CREATED_AT = "created_at";

    private final String app;
    private final String model;
    private final String path;
    private final String table;
    private final String singular;
    private final String plural;
    private final Map<String, Attribute> fields;
    private final List<String> searchFields;
    private final List<String> slimFields;
    private final List<Attribute> orderable;
    private final String searchColumn;
    private final List<UniqueConstraint> uniques;
    private final List<EntityRule> rules;
    private final Anonymization anonymization;
    private final String guardingPermission;
    private final String description;
    private final String deleteMeaning;
    private final Set<Action> actions;
    private final List<WriteHook> hooks;
    private final Deletion deletion;
    private final boolean events;
    private final boolean view;

    private Entity(Builder builder) {
        this.app = builder.app;
        this.model = builder.model;
        this.path = builder.path;
        this.table = builder.table;
        this.singular = builder.singular;
        this.plural = builder.plural;
        Map<String, Attribute> built = new LinkedHashMap<>();
        builder.fields.forEach(field -> {
            if (built.put(field.name(), field.build(model)) != null) {
                throw new IllegalStateException(model + ": field " + field.name() + " is declared twice");
            }
        });
        this.fields = Collections.unmodifiableMap(built);
        this.searchFields = builder.searchFields;
        this.slimFields = builder.slimFields;
        if (builder.orderFields != null) {
            builder.orderFields.stream().filter(name -> !built.containsKey(name)).findFirst().ifPresent(name -> {
                throw new IllegalStateException(model + ": orderable names no field " + name);
            });
        }
        this.orderable = builder.orderFields == null
                ? fields.values().stream().filter(Attribute::isOrderable).toList()
                : fields.values().stream().filter(a -> a.name().equals(ID) || builder.orderFields.contains(a.name()))
                        .toList();
        this.searchColumn = builder.searchColumn;
        this.uniques = List.copyOf(builder.uniques);
        this.rules = List.copyOf(builder.rules);
        this.anonymization = builder.anonymization;
        this.guardingPermission = builder.guardingPermission;
        this.description = builder.description;
        this.deleteMeaning = builder.deleteMeaning;
        this.actions = Collections.unmodifiableSet(EnumSet.copyOf(builder.actions));
        this.hooks = List.copyOf(builder.hooks);
        this.deletion = builder.deletion;
        this.events = builder.events;
        this.view = builder.view;
    }

    /** Starts the declaration of content type {@code <app>.<model>}. */
    public static Builder define(String app, String model) {
        return new Builder(app, model);
    }

    public String description() {
        return description;
    }

    public Optional<String> deleteMeaning() {
        return Optional.ofNullable(deleteMeaning);
    }

    public String app() {
        return app;
    }

    public String model() {
        return model;
    }

    public String contentType() {
        return app + "." + model;
    }

    public String permission(Action action) {
        return guardingPermission != null ? guardingPermission : contentType() + "." + action.code();
    }

    public String path() {
        return path;
    }

    public String table() {
        return table;
    }

    /**
     * Whether {@link #table()} is a view over other tables. Writes raise the data version of the tables they write,
     * never of a view, and a view may change with time ({@code expires_at <= now()}) or with rows written by
     * background work, so a view's counts are never cached.
     */
    public boolean isView() {
        return view;
    }

    public String singular() {
        return singular;
    }

    public String plural() {
        return plural;
    }

    public Set<Action> actions() {
        return actions;
    }

    public List<Attribute> attributes() {
        return List.copyOf(fields.values());
    }

    public Optional<Attribute> attribute(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public Attribute require(String name) {
        return attribute(name).orElseThrow(() -> new IllegalArgumentException(model + " has no field " + name));
    }

    public List<Attribute> searchAttributes() {
        return searchFields.stream().map(this::require).toList();
    }

    public Optional<String> searchColumn() {
        return Optional.ofNullable(searchColumn);
    }

    public List<Attribute> slimAttributes() {
        return slimFields.stream().map(this::require).toList();
    }

    /**
     * What {@code _order_by} may name: the fields {@link Builder#orderable} declared, with {@code id}; else every
     * field that is orderable by its type.
     */
    public List<Attribute> orderableAttributes() {
        return orderable;
    }

    public List<UniqueConstraint> uniques() {
        return uniques;
    }

    public List<EntityRule> rules() {
        return rules;
    }

    public Optional<Anonymization> anonymization() {
        return Optional.ofNullable(anonymization);
    }

    /** What the entity does inside the transaction of each write and delete, in declaration order. */
    public List<WriteHook> hooks() {
        return hooks;
    }

    /** What DELETE does instead of removing the row, if the entity declares it. */
    public Optional<Deletion> deletion() {
        return Optional.ofNullable(deletion);
    }

    /** Whether changes to its objects write events to the event log (false for the log itself and webhooks). */
    public boolean hasEvents() {
        return events;
    }

    /**
     * Checks that the declaration is consistent, including what depends on other entities (relation targets);
     * called once for every entity of the catalog at start.
     */
    public void verify() {
        if (path == null || !path.startsWith("/") || !path.endsWith("/")) {
            throw new IllegalStateException(model + ": path must start and end with '/'");
        }
        requireField(ID, FieldType.UUID);
        requireField(CREATED_AT, FieldType.DATETIME);
        searchAttributes().forEach(a -> {
            if (a.type() != FieldType.STRING) {
                throw new IllegalStateException(model + ": search field " + a.name() + " is not a string");
            }
        });
        slimAttributes();
        orderable.stream().filter(a -> !a.isOrderable()).findFirst().ifPresent(a -> {
            throw new IllegalStateException(model + ": " + a.name() + " is declared orderable but its type is not");
        });
        uniques.forEach(u -> require(u.field()));
        if (anonymization != null) {
            anonymization.namedFields().forEach(this::require);
        }
        for (Attribute attribute : fields.values()) {
            if (attribute.forbidsCycles() && attribute.target() != this) {
                throw new IllegalStateException(model + "." + attribute.name() + ": noCycles needs a relation of "
                        + model + " to itself");
            }
            if (attribute.target() == null && (attribute.type() == FieldType.TO_ONE
                    || attribute.type() == FieldType.TO_MANY)) {
                throw new IllegalStateException(model + "." + attribute.name() + ": relation without a target");
            }
        }
    }

    /** Every entity is read by id and listed by default newest first, so these two fields are not optional. */
    private void requireField(String name, FieldType type) {
        Attribute attribute = attribute(name).orElseThrow(() -> new IllegalStateException(model
                + ": every entity needs the field " + name + " (" + type + ")"));
        if (attribute.type() != type || !attribute.isReadOnly()) {
            throw new IllegalStateException(model + ": field " + name + " must be a read-only " + type);
        }
    }

    @Override
    public String toString() {
        return contentType();
    }

    /** An entity being declared; {@link #build()} freezes it. */
    public static final class Builder {
        private final String app;
        private final String model;
        private String path;
        private String table;
        private String singular;
        private String plural;
        private final List<Attribute.Builder> fields = new ArrayList<>();
        private List<String> searchFields = List.of();
        private List<String> slimFields = List.of();
        private List<String> orderFields;
        private String searchColumn;
        private final List<UniqueConstraint> uniques = new ArrayList<>();
        private final List<EntityRule> rules = new ArrayList<>();
        private Anonymization anonymization;
        private String guardingPermission;
        private String description = "";
        private String deleteMeaning;
        private Set<Action> actions = EnumSet.of(Action.VIEW, Action.ADD, Action.CHANGE, Action.DELETE);
        private final List<WriteHook> hooks = new ArrayList<>();
        private Deletion deletion;
        private boolean events = true;
        private boolean view;

        private Builder(String app, String model) {
            this.app = app;
            this.model = model;
            this.table = model;
            this.singular = model;
            this.plural = model + "s";
        }

        public Builder path(String basePath) {
            this.path = basePath;
            return this;
        }

        public Builder table(String tableName) {
            this.table = tableName;
            return this;
        }

        /** Read through the view {@code viewName} instead of a table of its own (see {@link Entity#isView()}). */
        public Builder view(String viewName) {
            this.table = viewName;
            this.view = true;
            return this;
        }

        /** Names for messages: "organization user", "organization users". */
        public Builder called(String singularName, String pluralName) {
            this.singular = singularName;
            this.plural = pluralName;
            return this;
        }

        public Builder fields(Attribute.Builder... attributes) {
            fields.addAll(List.of(attributes));
            return this;
        }

        public Builder search(String... names) {
            this.searchFields = List.of(names);
            return this;
        }

        /**
         * A generated column holding the search fields joined by spaces and lowercased, which {@code _search} then
         * matches with LIKE against the lowercased term instead of ILIKE on each field (one trigram index instead
         * of one per field, no case folding per row). Its definition in the migration must list exactly the search
         * fields.
         */
        public Builder searchColumn(String column) {
            this.searchColumn = column;
            return this;
        }

        public Builder slim(String... names) {
            this.slimFields = List.of(names);
            return this;
        }

        /**
         * Only these fields (and {@code id}) may be named in {@code _order_by}, when the contract lists fewer than
         * every orderable one: an order without an index on a table as large as the event log sorts every row.
         */
        public Builder orderable(String... names) {
            this.orderFields = List.of(names);
            return this;
        }

        public Builder unique(String constraintName, String field) {
            uniques.add(new UniqueConstraint(constraintName, field, false));
            return this;
        }

        /** {@link #unique} where values that differ only in case are the same value. */
        public Builder uniqueIgnoringCase(String constraintName, String field) {
            uniques.add(new UniqueConstraint(constraintName, field, true));
            return this;
        }

        public Builder rule(EntityRule rule) {
            rules.add(rule);
            return this;
        }

        /** The actions the entity offers, each with its own route(s) and permission; view, add, change and
         * delete unless declared. */
        public Builder actions(Action... offered) {
            this.actions = EnumSet.copyOf(List.of(offered));
            return this;
        }

        /** Every action needs this one permission instead of {@code <content type>.<action>}. */
        public Builder guardedBy(String permission) {
            this.guardingPermission = permission;
            return this;
        }

        /** What the entity is, for the API reference. */
        public Builder describedAs(String text) {
            this.description = text;
            return this;
        }

        /** What DELETE does when it is not removing the object, for the reference. */
        public Builder deleteMeans(String text) {
            this.deleteMeaning = text;
            return this;
        }

        public Builder anonymizedBy(Anonymization declaration) {
            this.anonymization = declaration;
            return this;
        }

        /** Behaviour run inside the transaction of every write and delete of the entity's objects. */
        public Builder hook(WriteHook hook) {
            hooks.add(hook);
            return this;
        }

        /** What DELETE does instead of removing the row; describe it with {@link #deleteMeans}. */
        public Builder deletedBy(Deletion custom) {
            this.deletion = custom;
            return this;
        }

        /** Changes to its objects write no events (the event log itself, webhook subscriptions and deliveries). */
        public Builder withoutEvents() {
            this.events = false;
            return this;
        }

        public Entity build() {
            return new Entity(this);
        }
    }
}
