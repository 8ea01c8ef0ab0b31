package se.accounts.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Map;
import se.accounts.db.Database;
import se.accounts.http.openapi.OpenApiDocument;

/** {@code GET /health/}: 200 when the database answers, 503 with Retry-After otherwise. */
final class HealthRoute implements RouteModule {
    static final String PATH = "/health/";

    private final Database database;

    HealthRoute(Database database) {
        this.database = database;
    }

    @Override
    public void register(Routes routes) {
        routes.path(PATH).get(this::handle).register();
    }

    @Override
    public void describe(OpenApiDocument document) {
        ObjectNode operation = document.publicOperation(PATH, "get", "Service", "health",
                "Whether the service and its database answer");
        OpenApiDocument.okContent(operation, "Healthy.", "application/json").putObject("example")
                .put("status", "ok").put("database", "ok");
        ((ObjectNode) operation.get("responses")).putObject("503").put("description",
                "The database does not answer; Retry-After says when to ask again.");
    }

    void handle(Context ctx) {
        database.withoutCustomer(sql -> sql.selectOne().fetch());
        ctx.json(Map.of("status", "ok", "database", "ok"));
    }
}
