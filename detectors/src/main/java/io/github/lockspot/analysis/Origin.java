package io.github.lockspot.analysis;

/**
 * Where a computed value was read from, so that a write can be recognised as writing back a value derived from a read
 * of the same field or of the same object's getter: the two halves of a read-modify-write.
 */
public sealed interface Origin {

    /** A read of field {@code owner.name} of {@code base} (null for a static field) at {@code site}. */
    record FieldRead(ValuePath base, String owner, String name, Site site) implements Origin {
    }

    /** The result of calling {@code owner.name} on {@code receiver} at {@code site}, e.g. {@code counter.get()}. */
    record CallRead(ValuePath receiver, String owner, String name, Site site) implements Origin {
    }
}
