package se.accounts.model;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The generic operations of an entity and where each is served: the one action-to-route table that the routes
 * and the API reference both read. An operation is offered when the entity offers one of its actions (every
 * entity can be listed and read).
 */
public enum Operation {
    CREATE("post", "", "create", Action.ADD),
    LIST("get", "list/", "list", Action.VIEW),
    /** Items with an id update (change), items without create (add). */
    BULK_WRITE("post", "list/", "bulk_write", Action.ADD, Action.CHANGE),
    RETRIEVE("get", "{pk}/", "retrieve", Action.VIEW),
    UPDATE("patch", "{pk}/", "partial_update", Action.CHANGE),
    DESTROY("delete", "{pk}/", "destroy", Action.DELETE);

    private final String method;
    private final String pathSuffix;
    private final String verb;
    private final Set<Action> actions;

    Operation(String method, String pathSuffix, String verb, Action... actions) {
        this.method = method;
        this.pathSuffix = pathSuffix;
        this.verb = verb;
        this.actions = Set.of(actions);
    }

    /** The operations {@code entity} offers, in the order the reference lists them. */
    public static List<Operation> offeredBy(Entity entity) {
        return Arrays.stream(values()).filter(operation -> operation == LIST || operation == RETRIEVE
                || operation.actions.stream().anyMatch(entity.actions()::contains)).toList();
    }

    /** The HTTP method, lowercase as OpenAPI writes it. */
    public String method() {
        return method;
    }

    public String path(Entity entity) {
        return entity.path() + pathSuffix;
    }

    /** The last part of the operation id in the reference ({@code accounts_role_partial_update}). */
    public String verb() {
        return verb;
    }
}
