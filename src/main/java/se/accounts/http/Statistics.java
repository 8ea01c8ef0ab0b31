package se.accounts.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import se.accounts.query.ListPlan;
import se.accounts.query.ListRequestParser;
import se.accounts.query.ParsedListRequest;
import se.accounts.query.QueryParameter;

/**
 * The {@code _statistics} headers: {@code X-Total-Count} always; when paging with a page size of at least one,
 * {@code X-Page-Count} and an RFC 8288 {@code Link} with root-relative URLs that repeat the request's other
 * parameters unchanged.
 */
final class Statistics {
    /** Besides letters and digits, what RFC 3986 allows in a query (unreserved, sub-delims, ':', '@', '/', '?'),
     * and '%' of the escapes already there. */
    private static final String URI_CHARACTERS = "-._~!$&'()*+,;=:@/?%";
    private static final String HEX = "0123456789ABCDEF";
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

    /**
     * The pairs are kept as the client wrote them, except {@code _page}, recognised by its decoded name (so
     * {@code %5Fpage} is replaced too, not repeated on every link), and characters a URI cannot hold raw (a
     * {@code >} would end the link early), which are percent-encoded.
     */
    private static String link(Context ctx, long pageNumber, String relation) {
        List<String> pairs = new ArrayList<>();
        for (String pair : ctx.queryString().split("&")) {
            List<QueryParameter> decoded = QueryStringDecoder.decode(pair);
            boolean isPage = !decoded.isEmpty() && decoded.get(0).name().equals(ListRequestParser.PAGE);
            pairs.add(isPage ? ListRequestParser.PAGE + "=" + pageNumber : uriSafe(pair));
        }
        return "<" + ctx.path() + "?" + String.join("&", pairs) + ">; rel=\"" + relation + "\"";
    }

    private static String uriSafe(String raw) {
        StringBuilder safe = new StringBuilder(raw.length());
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || URI_CHARACTERS.indexOf(c) >= 0)) {
                safe.append(c);
            } else {
                safe.append('%').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
            }
        }
        return safe.toString();
    }
}
