package se.accounts.query;

import java.util.ArrayList;
import java.util.List;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.FieldType;

/**
 * Who points at whom, derived from every entity's to-one relations: an object that others still reference cannot
 * be deleted. (To-many links, and relations declared deleted with their target, go with it instead; their
 * foreign keys cascade.)
 */
public final class References {
    /** A to-one relation of {@code source} that can point at the entity being asked about. */
    public record Reference(Entity source, Attribute attribute) {
    }

    private final List<Entity> catalog;

    public References(List<Entity> catalog) {
        this.catalog = catalog;
    }

    public List<Reference> to(Entity target) {
        List<Reference> references = new ArrayList<>();
        for (Entity source : catalog) {
            for (Attribute attribute : source.attributes()) {
                if (attribute.type() == FieldType.TO_ONE && attribute.target() == target
                        && !attribute.isDeletedWithTarget() && !attribute.isHistorical()) {
                    references.add(new Reference(source, attribute));
                }
            }
        }
        return references;
    }
}
