package io.github.lockspot.analysis.flow;

import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.Origin;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.tree.analysis.Value;

/**
 * A stack or local value in the per-method analysis: its size, its origin path (null when the analysis cannot name
 * it), what it was computed from (and whether arithmetic made it, on some path, rather than copying), for the
 * boolean of a {@code tryLock()}, the lock that was tried, and for a small int or boolean, the constant it is or the
 * boolean parameter it is the value of.
 */
final class SymbolicValue implements Value {

    /** Origins beyond this many are dropped (value treated as derived from "many things"), keeping the lattice finite. */
    private static final int MAX_ORIGINS = 4;

    static final SymbolicValue UNINITIALIZED = new SymbolicValue(1, null, null, Set.of(), null);
    static final SymbolicValue RETURN_ADDRESS = new SymbolicValue(1, null, null, Set.of(), null);

    final int size;
    final ValuePath path;
    /** Null means "derived from more than {@value #MAX_ORIGINS} things"; empty means "from nothing tracked". */
    final Set<Origin> origins;
    /** Set on the result of a {@code tryLock()}/{@code tryAcquire()}: true on the branch where that lock is held. */
    final LockId tried;
    /** Internal name for reference values, a descriptor letter for primitives, null when unknown. */
    final String type;
    /**
     * True if arithmetic on its origins made this value on some path ({@code x + 1}, {@code -x}, {@code x * 2}), false
     * for a copy of them ({@code cached != null ? cached : make()}), which writes nothing new back.
     */
    final boolean computed;
    /** The int constant this is on every path ({@code false} is 0, {@code true} 1), else null. */
    final Integer constant;
    /** The index of the boolean parameter whose value this is on every path, else -1. */
    final int flagParam;
    /** For a reference merged from two named ones ({@code c ? a : b}), both of them; else null. */
    final ValuePath.Choice choice;
    /** True on a branch where the value was tested to be null ({@code if (a == null)}). */
    final boolean knownNull;

    SymbolicValue(int size, String type, ValuePath path, Set<Origin> origins, LockId tried) {
        this(size, type, path, origins, tried, false, null, -1);
    }

    private SymbolicValue(int size, String type, ValuePath path, Set<Origin> origins, LockId tried, boolean computed,
            Integer constant, int flagParam) {
        this(size, type, path, origins, tried, computed, constant, flagParam, null, false);
    }

    private SymbolicValue(int size, String type, ValuePath path, Set<Origin> origins, LockId tried, boolean computed,
            Integer constant, int flagParam, ValuePath.Choice choice, boolean knownNull) {
        this.choice = choice;
        this.knownNull = knownNull;
        this.size = size;
        this.type = type;
        this.path = path;
        this.origins = origins;
        this.tried = tried;
        this.computed = computed;
        this.constant = constant;
        this.flagParam = flagParam;
    }

    static SymbolicValue of(int size, String type, ValuePath path) {
        return new SymbolicValue(size, type, path, Set.of(), null);
    }

    /** The int constant {@code value} ({@code ICONST_0} is also {@code false}). */
    static SymbolicValue constant(int value) {
        return new SymbolicValue(1, null, null, Set.of(), null, false, value, -1);
    }

    /** The value of boolean parameter {@code param} as the method was called with it. */
    static SymbolicValue flag(int param) {
        return new SymbolicValue(1, "Z", null, Set.of(), null, false, null, param);
    }

    /** The result of arithmetic on values with {@code origins}. */
    static SymbolicValue computed(int size, Set<Origin> origins) {
        return new SymbolicValue(size, null, null, origins, null, true, null, -1);
    }

    /** {@code from} converted ({@code (long) x}, boxing, a cast): the same origins, computed or copied as it was. */
    static SymbolicValue converted(int size, String type, SymbolicValue from) {
        return new SymbolicValue(size, type, null, from.origins, null, from.computed, null, -1);
    }

    /** {@code from} seen as {@code type}, keeping its path ({@code (Account) value}). */
    static SymbolicValue cast(String type, SymbolicValue from) {
        return new SymbolicValue(1, type, from.path, from.origins, from.tried, from.computed, null, -1);
    }

    /** This value on a branch where it was tested to be null ({@code isNull}) or not. */
    SymbolicValue knowingNull(boolean isNull) {
        return isNull == knownNull ? this
                : new SymbolicValue(size, type, path, origins, tried, computed, constant, flagParam, choice, isNull);
    }

    /** This value (merged, so without a path) as one of the two named values of {@code choice}. */
    SymbolicValue withChoice(ValuePath.Choice choice) {
        return new SymbolicValue(size, type, path, origins, tried, computed, constant, flagParam, choice, knownNull);
    }

    @Override
    public int getSize() {
        return size;
    }

    SymbolicValue merge(SymbolicValue other) {
        if (equals(other)) {
            return this;
        }
        if (this == UNINITIALIZED || other == UNINITIALIZED || size != other.size) {
            return UNINITIALIZED;
        }
        String mergedType = java.util.Objects.equals(type, other.type) ? type : null;
        ValuePath mergedPath = java.util.Objects.equals(path, other.path) ? path : null;
        LockId mergedTried = java.util.Objects.equals(tried, other.tried) ? tried : null;
        return new SymbolicValue(size, mergedType, mergedPath, union(origins, other.origins), mergedTried,
                computed || other.computed, java.util.Objects.equals(constant, other.constant) ? constant : null,
                flagParam == other.flagParam ? flagParam : -1,
                java.util.Objects.equals(choice, other.choice) ? choice : null, knownNull && other.knownNull);
    }

    static Set<Origin> union(Set<Origin> a, Set<Origin> b) {
        if (a == null || b == null) {
            return null;
        }
        if (b.isEmpty() || a.equals(b)) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Set<Origin> union = new TreeSet<>(Origin.ORDER);
        union.addAll(a);
        union.addAll(b);
        return union.size() > MAX_ORIGINS ? null : Collections.unmodifiableSet(union);
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true; // the common case: merging frames mostly meets the same value objects
        }
        return o instanceof SymbolicValue v && size == v.size && java.util.Objects.equals(type, v.type)
                && java.util.Objects.equals(path, v.path) && java.util.Objects.equals(origins, v.origins)
                && java.util.Objects.equals(tried, v.tried) && computed == v.computed
                && java.util.Objects.equals(constant, v.constant) && flagParam == v.flagParam
                && java.util.Objects.equals(choice, v.choice) && knownNull == v.knownNull;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(size, type, path, tried);
    }

    @Override
    public String toString() {
        return path != null ? path.display() : type == null ? "?" : type;
    }
}
