package se.accounts.http;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import se.accounts.query.ListPlan;
import se.accounts.query.ListRequestParser;
import se.accounts.query.ParsedListRequest;

/**
 * The {@code _statistics} headers: {@code X-Total-Count} always; when paging with a page size of at least one,
 * {@code X-Page-Count} and an RFC 8288 {@code Link} with root-relative URLs that repeat the request's other
 * parameters unchanged.
 */
final class Statistics {
    private Statistics() {
    }

    static void write(Context ctx, ListPlan plan, long total) {
        ctx.header(Headers.TOTAL_COUNT, Long.toString(total));
        if (plan.page().isEmpty() || plan.page().get().size() == 0) {
            return;
        }
        ParsedListRequest.Page page = plan.page().get();
        long pageCount = Math.max(1, (total + page.size() - 1) / page.size());
        ctx.header(Headers.PAGE_COUNT, Long.toString(pageCount));
        List<String> links = new ArrayList<>();
        links.add(link(ctx, 1, "first"));
        if (page.number() > 1) {
            links.add(link(ctx, Math.min(page.number() - 1, pageCount), "prev"));
        }
        if (page.number() < pageCount) {
            links.add(link(ctx, page.number() + 1, "next"));
        }
        links.add(link(ctx, pageCount, "last"));
        ctx.header(Headers.LINK, String.join(", ", links));
    }

    private static String link(Context ctx, long pageNumber, String relation) {
        List<String> pairs = new ArrayList<>();
        for (String pair : ctx.queryString().split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            pairs.add(name.equals(ListRequestParser.PAGE) ? ListRequestParser.PAGE + "=" + pageNumber : pair);
        }
        return "<" + ctx.path() + "?" + String.join("&", pairs) + ">; rel=\"" + relation + "\"";
    }
}
