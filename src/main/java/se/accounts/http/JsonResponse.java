package se.accounts.http;

/** A finished JSON response of a write, kept as bytes so an Idempotency-Key retry can replay it exactly. */
record JsonResponse(int status, byte[] body, String etag) {
}
