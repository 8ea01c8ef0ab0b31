package se.accounts.http.openapi;

/** The texts of the reference that are the same everywhere, in the public Pigello reference's words where it has them. */
final class Prose {
    static final String NEGATION = "Filter can be negated by adding a ! to the end of the parameter name.";

    static final String INTRODUCTION = """
            The Accounts application of the Pigello Core API: organization users, their organizations and roles, \
            and invitations by email.

            **Authentication.** Every request needs all seven `X-PIGELLO-*` headers (in "Authorize", fill in all \
            seven). A missing header is `401 {"detail": "Missing authentication headers: ..."}`, a wrong one \
            `401 {"detail": "Invalid credentials."}`. Permissions are `<app>.<model>.<action>`; without one the \
            answer is `403`. Only `/health/`, `/openapi.json`, `/docs/` and accepting an invitation are public.

            **Conventions.** Every path ends with `/` (without it: `308` to the slashed path). Ids are UUIDs; a \
            `{pk}` that is not one is `404`. Dates are `YYYY-MM-DD`, date-times ISO 8601 (written in UTC with \
            `Z`). Relations are objects holding the id, `{"id": "<uuid>"}`; `null` clears a nullable one. \
            Read-only fields sent in a body are ignored; unknown fields are `400`. Errors name the field or \
            parameter: `{"<field>": ["message"]}`, `non_field_errors` for the rest, one object per item for bulk \
            writes. Every object response carries an `ETag`; `PATCH` and `DELETE` honour `If-Match` (`412` when \
            stale). `POST` creates, bulk writes and invites honour `Idempotency-Key` (24 hours per client).

            **Lists** (`GET <path>list/`) take filters `<field>[__<operator>][!]=<value>` combined with AND, and \
            the reserved parameters `_page` with `_page_size`, `_order_by`, `_search`, `_slim`, `_statistics` and \
            `_jsonl`. An unknown parameter, field or operator, or a value of the wrong type, is `400` naming it.""";

    static final String IN = "Comma-separated values; an item containing a comma or a double quote is written in"
            + " double quotes, with \"\" for a quote inside. An empty list matches no rows.";

    private Prose() {
    }
}
