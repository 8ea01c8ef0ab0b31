package se.accounts.db;

/** A unit of work run inside one transaction confined to one customer. */
@FunctionalInterface
public interface TenantWork<T> {
    T run(TenantSession session) throws Exception;
}
