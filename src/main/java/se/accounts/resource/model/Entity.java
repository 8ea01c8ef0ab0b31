package se.accounts.resource.model;

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
 * {@code version} (for ETags), with the primary key {@code (customer_id, id)}.
 */
public final class Entity {
    private final String app;
    private final String model;
    private String path;
    private String table;
    private String singular;
    private String plural;
    private final Map<String, Attribute> fields = new LinkedHashMap<>();
    private List<String> searchFields = List.of();
    private List<String> slimFields = List.of();
    private String searchColumn;
    private final List<UniqueConstraint> uniques = new ArrayList<>();
    private final List<EntityRule> rules = new ArrayList<>();
    private Anonymization anonymization;
    private String guardingPermission;
    private String description = "";
    private String deleteMeaning;
    private boolean events = true;
    private final Set<Action> actions = EnumSet.of(Action.VIEW, Action.ADD, Action.CHANGE, Action.DELETE);

    private Entity(String app, String model) {
        this.app = app;
        this.model = model;
        this.table = model;
        this.singular = model;
        this.plural = model + "s";
    }

    /** Starts the declaration of content type {@code <app>.<model>}. */
    public static Entity define(String app, String model) {
        return new Entity(app, model);
    }

    public Entity path(String basePath) {
        this.path = basePath;
        return this;
    }

    public Entity table(String tableName) {
        this.table = tableName;
        return this;
    }

    /** Names for messages: "organization user", "organization users". */
    public Entity called(String singularName, String pluralName) {
        this.singular = singularName;
        this.plural = pluralName;
        return this;
    }

    public Entity fields(Attribute... attributes) {
        for (Attribute attribute : attributes) {
            fields.put(attribute.name(), attribute);
        }
        return this;
    }

    public Entity search(String... names) {
        this.searchFields = List.of(names);
        return this;
    }

    /**
     * A generated column holding the search fields joined by spaces and lowercased, which {@code _search} then
     * matches with LIKE against the lowercased term instead of ILIKE on each field (one trigram index instead of
     * one per field, no case folding per row). Its definition in the migration must list exactly the search
     * fields.
     */
    public Entity searchColumn(String column) {
        this.searchColumn = column;
        return this;
    }

    public Entity slim(String... names) {
        this.slimFields = List.of(names);
        return this;
    }

    public Entity unique(String constraintName, String field) {
        uniques.add(new UniqueConstraint(constraintName, field));
        return this;
    }

    public Entity rule(EntityRule rule) {
        rules.add(rule);
        return this;
    }

    /** The actions the entity offers, each with its own route(s) and permission; view, add, change and delete
     * unless declared. */
    public Entity actions(Action... offered) {
        actions.clear();
        actions.addAll(List.of(offered));
        return this;
    }

    /** Every action needs this one permission instead of {@code <content type>.<action>}. */
    public Entity guardedBy(String permission) {
        this.guardingPermission = permission;
        return this;
    }

    /** What the entity is, for the API reference. */
    public Entity describedAs(String text) {
        this.description = text;
        return this;
    }

    /** What DELETE does when it is not removing the object (wired to the service that does it), for the reference. */
    public Entity deleteMeans(String text) {
        this.deleteMeaning = text;
        return this;
    }

    /** Changes to its objects write no events (the event log itself, webhook subscriptions). */
    public Entity withoutEvents() {
        this.events = false;
        return this;
    }

    public boolean hasEvents() {
        return events;
    }

    public String description() {
        return description;
    }

    public Optional<String> deleteMeaning() {
        return Optional.ofNullable(deleteMeaning);
    }

    public Entity anonymizedBy(Anonymization declaration) {
        this.anonymization = declaration;
        return this;
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

    public String singular() {
        return singular;
    }

    public String plural() {
        return plural;
    }

    public Set<Action> actions() {
        return Collections.unmodifiableSet(actions);
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

    public List<UniqueConstraint> uniques() {
        return Collections.unmodifiableList(uniques);
    }

    public List<EntityRule> rules() {
        return Collections.unmodifiableList(rules);
    }

    public Optional<Anonymization> anonymization() {
        return Optional.ofNullable(anonymization);
    }

    /** Checks that the declaration is consistent; called once for every entity of the catalog at start. */
    public void verify() {
        if (path == null || !path.startsWith("/") || !path.endsWith("/")) {
            throw new IllegalStateException(model + ": path must start and end with '/'");
        }
        searchAttributes().forEach(a -> {
            if (a.type() != FieldType.STRING) {
                throw new IllegalStateException(model + ": search field " + a.name() + " is not a string");
            }
        });
        slimAttributes();
        uniques.forEach(u -> require(u.field()));
        if (anonymization != null) {
            anonymization.namedFields().forEach(this::require);
        }
    }

    @Override
    public String toString() {
        return contentType();
    }
}
