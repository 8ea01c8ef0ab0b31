package se.accounts.db;

import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The one thing the migrations need of the server itself: a default collation whose lower() folds letters beyond
 * ASCII. Checked before the migrations run ({@link Database#open}), so a database that cannot serve is refused
 * untouched, with what to create instead.
 */
public final class CaseFolding {
    /** Letters beyond ASCII, upper case and as the filters must fold them. */
    private static final String UPPER = "ÅÄÖÉ";
    private static final String FOLDED = "åäöé";

    private CaseFolding() {
    }

    /**
     * What is wrong with the database's default collation, unless lower() under it folds letters beyond ASCII.
     * The case-insensitive filters and {@code _search} compare lower() of the value with the columns migration V15
     * folds with lower() under that collation; under the C or POSIX locale (libc) or the builtin provider's C,
     * lower() folds A-Z only, so a filter for 'å' would silently miss 'Å'.
     */
    public static Optional<String> problem(DSLContext sql) {
        Record database = sql.fetchSingle("select lower(cast(? as text) collate \"default\") = ? as folds,"
                + " lower(cast(? as text) collate \"default\") as lowered,"
                + " case d.datlocprovider when 'c' then 'libc' when 'i' then 'icu' when 'b' then 'builtin'"
                + " else d.datlocprovider::text end as provider, d.datctype::text as ctype,"
                + " pg_encoding_to_char(d.encoding)::text as encoding"
                + " from pg_database d where d.datname = current_database()", UPPER, FOLDED, UPPER);
        if (database.get("folds", Boolean.class)) {
            return Optional.empty();
        }
        String provider = database.get("provider", String.class);
        return Optional.of("The database's default collation does not fold case beyond ASCII (locale provider "
                + provider + (provider.equals("libc") ? ", LC_CTYPE '" + database.get("ctype", String.class) + "'"
                : "") + ", encoding " + database.get("encoding", String.class) + "): lower('" + UPPER + "') is '"
                + database.get("lowered", String.class) + "', so case-insensitive filters and _search would miss"
                + " '" + FOLDED + "'. Create the database with a UTF-8 locale or with ICU, e.g. CREATE DATABASE"
                + " accounts TEMPLATE template0 ENCODING 'UTF8' LOCALE 'sv_SE.UTF-8' (or 'en_US.UTF-8'), or"
                + " CREATE DATABASE accounts TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE"
                + " 'sv-SE', and point ACCOUNTS_DB_URL at it");
    }

    /** Throws {@link IllegalStateException} with {@link #problem}'s message when there is one. */
    static Void require(DSLContext sql) {
        problem(sql).ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
        return null;
    }
}
