package io.github.lockspot.rmw;

import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.ValuePath;

/** Questions about the object a path names. */
final class ObjectPaths {

    private ObjectPaths() {
    }

    /**
     * Whether the path goes through {@code ThreadLocal.get()}: each thread gets its own object there. False for null
     * (a static field itself).
     */
    static boolean threadConfined(ValuePath path, ProgramModel model) {
        for (ValuePath at = path; at != null; ) {
            if (at instanceof ValuePath.CallResult result) {
                if (result.name().equals("get") && model.isSubtype(result.owner(), "java/lang/ThreadLocal")) {
                    return true;
                }
                at = result.base();
            } else if (at instanceof ValuePath.InstanceField field) {
                at = field.base();
            } else {
                return false;
            }
        }
        return false;
    }

    /**
     * Whether the path names one object for the whole program: a static field, or something reached from one. (A
     * static method's result may be a singleton or a new object, so it does not count.)
     */
    static boolean global(ValuePath path) {
        ValuePath root = ValuePath.rootOf(path);
        return root instanceof ValuePath.StaticField || root instanceof ValuePath.ClassLiteral;
    }
}
