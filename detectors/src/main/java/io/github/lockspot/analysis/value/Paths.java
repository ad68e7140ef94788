package io.github.lockspot.analysis.value;

/** Factories that keep {@link ValuePath}s within {@link ValuePath#MAX_DEPTH} while keeping the last field or call. */
public final class Paths {
    private Paths() {
    }

    public static ValuePath field(ValuePath base, String owner, String name, String type) {
        return new ValuePath.InstanceField(bounded(base, owner), owner, name, type);
    }

    public static ValuePath call(ValuePath base, String owner, String name, String type) {
        return new ValuePath.CallResult(base == null ? null : bounded(base, owner), owner, name, type);
    }

    /** A base too deep (or unknown) is cut to "some instance of its type", so the field or call name survives. */
    private static ValuePath bounded(ValuePath base, String fallbackType) {
        if (base == null) {
            return new ValuePath.Unknown(fallbackType);
        }
        return base.depth() >= ValuePath.MAX_DEPTH ? new ValuePath.Unknown(base.type()) : base;
    }
}
