package se.accounts.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.UUID;
import se.accounts.db.TenantSession;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.EntityRule;
import se.accounts.model.Errors;
import se.accounts.model.RowView;
import se.accounts.model.ValueRule;
import se.accounts.query.EntityStore;

/**
 * The validation stage of a write: reads the body ({@link BodyReader}), applies anonymization, then the value
 * rules, the verdicts of the external checks on the values written (taken before the transaction), the no-cycles
 * check and the entity rules over the object as it will be. Problems go into the object's
 * {@link Errors}; nothing is written here.
 */
final class WriteValidator {
    private final Entity entity;
    private final EntityStore store;
    private final Optional<AnonymizationStep> anonymization;

    /** The values a write sets and the whole object as it will be after it. */
    record Validated(WriteSet writes, RowView after) {
    }

    WriteValidator(Entity entity, EntityStore store) {
        this.entity = entity;
        this.store = store;
        this.anonymization = entity.anonymization().map(declaration -> new AnonymizationStep(entity, declaration));
    }

    /** {@code before} is the stored object, null when creating ({@code id} is then the id it will get). */
    Validated validate(TenantSession session, JsonNode body, WriteBody prepared, RowView before, UUID id,
                       Errors errors) {
        boolean creating = before == null;
        WriteSet writes = BodyReader.read(entity, body, creating, errors);
        anonymization.ifPresent(step -> step.apply(writes, before, id, errors));
        RowView after = afterWrite(writes, before);
        checkRules(session, writes, prepared, after, creating ? Optional.empty() : Optional.of(id), errors);
        return new Validated(writes, after);
    }

    /** The object as it will be after the write: the request's values over the stored ones. */
    private RowView afterWrite(WriteSet writes, RowView before) {
        return name -> {
            Attribute attribute = entity.require(name);
            if (writes.has(attribute)) {
                return writes.get(attribute);
            }
            return before == null ? null : before.get(name);
        };
    }

    /**
     * Value rules run over the whole resulting object, not only the written fields, because a rule may depend on
     * another field (changing the coordination-number flag re-checks the stored personal identity number). They
     * skip fields whose value could not be read, and rules over several fields wait until every field is valid, so
     * one answer names every problem without follow-on errors.
     */
    private void checkRules(TenantSession session, WriteSet writes, WriteBody prepared, RowView row,
                            Optional<UUID> existing, Errors errors) {
        for (Attribute attribute : entity.attributes()) {
            Object value = row.get(attribute.name());
            if (value == null || errors.has(attribute.name())) {
                continue;
            }
            for (ValueRule rule : attribute.rules()) {
                rule.check(value, row).ifPresent(message -> errors.add(attribute.name(), message));
            }
            if (writes.has(attribute) && !errors.has(attribute.name())) {
                prepared.problem(attribute, value).ifPresent(message -> errors.add(attribute.name(), message));
            }
            if (attribute.forbidsCycles() && existing.isPresent() && writes.has(attribute)
                    && store.wouldCycle(session, attribute, existing.get(), (UUID) value)) {
                errors.add(attribute.name(), "This would make the " + entity.singular()
                        + " its own ancestor; choose one that is not below it.");
            }
        }
        if (!errors.isEmpty() || isAnonymized(row)) {
            return;
        }
        for (EntityRule rule : entity.rules()) {
            errors.addAll(rule.check(row, existing.isEmpty()));
        }
    }

    /** Entity rules (such as "at least one name") do not apply to anonymized objects. */
    private boolean isAnonymized(RowView row) {
        return entity.anonymization().map(declaration -> Boolean.TRUE.equals(row.get(declaration.flagField())))
                .orElse(false);
    }
}
