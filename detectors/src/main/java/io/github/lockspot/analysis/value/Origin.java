package io.github.lockspot.analysis.value;

/**
 * Where a computed value was read from, so that a write can be recognised as writing back a value derived from a read
 * of the same field or of the same object's getter: the two halves of a read-modify-write.
 */
public sealed interface Origin {

    /**
     * Orders origins by the instruction that read them, for the sorted sets the analysis merges at every join; the
     * rarely needed tie-break (one instruction, two different objects) formats the object paths only then, not for
     * the equal origins that every union and set comparison meets.
     */
    java.util.Comparator<Origin> ORDER = java.util.Comparator.comparing(Origin::site)
            .thenComparing(origin -> origin instanceof FieldRead ? 0 : 1)
            .thenComparing(Origin::object, (a, b) -> java.util.Objects.equals(a, b) ? 0
                    : String.valueOf(a).compareTo(String.valueOf(b)));

    /** The instruction that read the value. */
    Site site();

    /** The object read from: the field's base, or the call's receiver (null for static ones). */
    ValuePath object();

    /** A read of field {@code owner.name} of {@code base} (null for a static field) at {@code site}. */
    record FieldRead(ValuePath base, String owner, String name, Site site) implements Origin {
        @Override
        public ValuePath object() {
            return base;
        }
    }

    /** The result of calling {@code owner.name} on {@code receiver} at {@code site}, e.g. {@code counter.get()}. */
    record CallRead(ValuePath receiver, String owner, String name, Site site) implements Origin {
        @Override
        public ValuePath object() {
            return receiver;
        }
    }
}
