package se.accounts.query;

import java.util.ArrayList;
import java.util.List;
import se.accounts.model.Entity;

/** A list request written as its query string ({@code a=b&c=d}, not encoded), parsed and planned. */
final class ListRequests {
    private ListRequests() {
    }

    static ListPlan plan(Entity entity, String query) {
        List<QueryParameter> parameters = new ArrayList<>();
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.add(new QueryParameter(parts[0], parts[1]));
        }
        return ListPlanner.plan(ListRequestParser.parse(parameters), entity);
    }
}
