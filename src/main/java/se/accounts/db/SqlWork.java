package se.accounts.db;

import org.jooq.DSLContext;

/** A unit of work run inside one database transaction. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(DSLContext sql) throws Exception;
}
