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
 * it), what it was computed from (and whether arithmetic made it, on some path, rather than copying), and, for the
 * boolean of a {@code tryLock()}, the lock that was tried.
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

    SymbolicValue(int size, String type, ValuePath path, Set<Origin> origins, LockId tried) {
        this(size, type, path, origins, tried, false);
    }

    private SymbolicValue(int size, String type, ValuePath path, Set<Origin> origins, LockId tried, boolean computed) {
        this.size = size;
        this.type = type;
        this.path = path;
        this.origins = origins;
        this.tried = tried;
        this.computed = computed;
    }

    static SymbolicValue of(int size, String type, ValuePath path) {
        return new SymbolicValue(size, type, path, Set.of(), null);
    }

    /** The result of arithmetic on values with {@code origins}. */
    static SymbolicValue computed(int size, Set<Origin> origins) {
        return new SymbolicValue(size, null, null, origins, null, true);
    }

    /** {@code from} converted ({@code (long) x}, boxing, a cast): the same origins, computed or copied as it was. */
    static SymbolicValue converted(int size, String type, SymbolicValue from) {
        return new SymbolicValue(size, type, null, from.origins, null, from.computed);
    }

    /** {@code from} seen as {@code type}, keeping its path ({@code (Account) value}). */
    static SymbolicValue cast(String type, SymbolicValue from) {
        return new SymbolicValue(1, type, from.path, from.origins, from.tried, from.computed);
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
                computed || other.computed);
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
        return o instanceof SymbolicValue v && size == v.size && java.util.Objects.equals(type, v.type)
                && java.util.Objects.equals(path, v.path) && java.util.Objects.equals(origins, v.origins)
                && java.util.Objects.equals(tried, v.tried) && computed == v.computed;
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
