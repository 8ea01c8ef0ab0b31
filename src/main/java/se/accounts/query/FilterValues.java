package se.accounts.query;

import java.util.ArrayList;
import java.util.List;


/** Splits the value of a list filter into items; each is then parsed by its field's type. */
final class FilterValues {
    private FilterValues() {
    }

    /** Splits an {@code in} list: comma-separated, items with a comma or quote in double quotes ({@code ""}
     * for a quote inside); unquoted items are trimmed, quoted ones keep their spaces. */
    static List<String> splitList(String text) {
        List<String> items = new ArrayList<>();
        if (text.isEmpty()) {
            return items;
        }
        int i = 0;
        int length = text.length();
        while (true) {
            while (i < length && text.charAt(i) == ' ') {
                i++;
            }
            if (i < length && text.charAt(i) == '"') {
                StringBuilder item = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < length) {
                    char c = text.charAt(i);
                    if (c == '"') {
                        if (i + 1 < length && text.charAt(i + 1) == '"') {
                            item.append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    item.append(c);
                    i++;
                }
                if (!closed) {
                    throw new IllegalArgumentException("A quoted item has no closing double quote.");
                }
                while (i < length && text.charAt(i) == ' ') {
                    i++;
                }
                if (i < length && text.charAt(i) != ',') {
                    throw new IllegalArgumentException("A quoted item must be followed by a comma or the end.");
                }
                items.add(item.toString());
            } else {
                int comma = text.indexOf(',', i);
                int end = comma < 0 ? length : comma;
                items.add(text.substring(i, end).strip());
                i = end;
            }
            if (i >= length) {
                return items;
            }
            i++;
        }
    }
}
