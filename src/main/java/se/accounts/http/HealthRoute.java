package se.accounts.http;

import io.javalin.http.Context;
import java.util.Map;
import se.accounts.db.Database;

/** {@code GET /health/}: 200 when the database answers, 503 with Retry-After otherwise. */
final class HealthRoute {
    private final Database database;

    HealthRoute(Database database) {
        this.database = database;
    }

    void handle(Context ctx) {
        database.withoutCustomer(sql -> sql.selectOne().fetch());
        ctx.json(Map.of("status", "ok", "database", "ok"));
    }
}
