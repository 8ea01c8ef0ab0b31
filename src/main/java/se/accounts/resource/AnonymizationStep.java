package se.accounts.resource;

import java.util.Map;
import java.util.UUID;
import se.accounts.model.Anonymization;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.Errors;
import se.accounts.model.RowView;

/** Applies an entity's {@link Anonymization} declaration to one write. */
final class AnonymizationStep {
    private static final int SUFFIX_LENGTH = 8;

    private final Entity entity;
    private final Anonymization declaration;
    private final Attribute flag;

    AnonymizationStep(Entity entity, Anonymization declaration) {
        this.entity = entity;
        this.declaration = declaration;
        this.flag = entity.require(declaration.flagField());
    }

    /**
     * Refuses what anonymization forbids (creating an anonymized object, changing an anonymized one, unsetting the
     * flag) and, on the write that anonymizes, adds the clearing to {@code writes}. {@code stored} is null when
     * creating.
     */
    void apply(WriteSet writes, RowView stored, UUID id, Errors errors) {
        boolean anonymizing = Boolean.TRUE.equals(writes.get(flag));
        if (stored == null) {
            if (anonymizing) {
                errors.add(flag.name(), "A " + entity.singular() + " cannot be created anonymized; create it,"
                        + " then set " + flag.name() + " to true.");
            }
            return;
        }
        if (Boolean.TRUE.equals(stored.get(flag.name()))) {
            refuseChanges(writes, stored, errors);
            return;
        }
        if (anonymizing) {
            declaration.clearedFields().forEach(field -> writes.put(entity.require(field), null));
            declaration.fixedValues().forEach((field, value) -> writes.put(entity.require(field), value));
            Attribute name = entity.require(declaration.nameField());
            Object givenName = writes.has(name) ? writes.get(name) : stored.get(name.name());
            if (givenName == null) {
                String hex = id.toString().replace("-", "");
                writes.put(name, declaration.namePrefix() + " " + hex.substring(hex.length() - SUFFIX_LENGTH));
            }
        }
    }

    private void refuseChanges(WriteSet writes, RowView stored, Errors errors) {
        if (Boolean.FALSE.equals(writes.get(flag))) {
            errors.add(flag.name(), "Anonymization cannot be undone.");
            return;
        }
        for (Map.Entry<Attribute, Object> write : writes.values().entrySet()) {
            Attribute attribute = write.getKey();
            if (!declaration.stillWritableFields().contains(attribute.name())
                    && !attribute.same(stored.get(attribute.name()), write.getValue())) {
                errors.add(ValidationException.NON_FIELD, "Anonymized " + entity.plural() + " cannot be changed.");
                return;
            }
        }
    }
}
