package io.github.lockspot.rmw;

import io.github.lockspot.analysis.ValuePath;

/** Questions about the object a path names. */
final class ObjectPaths {

    private ObjectPaths() {
    }

    /** The value a path starts from: {@code this}, a parameter, a static, a new object, ...; null for null. */
    static ValuePath root(ValuePath path) {
        ValuePath at = path;
        while (true) {
            if (at instanceof ValuePath.InstanceField field) {
                at = field.base();
            } else if (at instanceof ValuePath.CallResult result && result.base() != null) {
                at = result.base();
            } else {
                return at;
            }
        }
    }

    /** Whether the path names one object for the whole program: a static field, or something reached from one. */
    static boolean global(ValuePath path) {
        ValuePath root = root(path);
        return root instanceof ValuePath.StaticField || root instanceof ValuePath.ClassLiteral
                || root instanceof ValuePath.CallResult;
    }
}
