package se.accounts.events;

import java.util.UUID;

/** One event as the writing transaction collects it; its sequence is given when the transaction ends. */
record Event(UUID id, String contentType, String identifier, UUID objectId, String customId, String context,
             UUID integration) {
    Event withoutCustomId() {
        return new Event(id, contentType, identifier, objectId, null, context, integration);
    }
}
