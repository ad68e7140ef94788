package io.github.lockspot.analysis.program;

import io.github.lockspot.analysis.api.Supertypes;
import io.github.lockspot.analysis.flow.LibraryClass;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The classes a call of the program reaches outside the analysed set, read on demand through {@code classBytes}
 * (SpotBugs' class path: the JDK, dependencies and sibling modules on the auxiliary class path) and kept for the
 * run. At most {@value #MAX_CLASSES} are read; calls into further classes stay unresolved, as all were before.
 */
final class LibraryClasses {

    /** How many library classes one run reads: keeps memory bounded on programs calling much of the JDK. */
    static final int MAX_CLASSES = 1_000;

    private final Function<String, byte[]> classBytes;
    private final Supertypes supertypes;
    /** By internal name; null for a class that is not on the class path or cannot be read. */
    private final Map<String, LibraryClass> read = new HashMap<>();

    /** {@code classBytes} returns a class file by internal name, or null if there is none. */
    LibraryClasses(Function<String, byte[]> classBytes, Supertypes supertypes) {
        this.classBytes = classBytes;
        this.supertypes = supertypes;
    }

    /** No class outside the analysed set is read. */
    static LibraryClasses none() {
        return new LibraryClasses(name -> null, Supertypes.JDK_ONLY);
    }

    /** The library class {@code name}, read on first request; null if it cannot be read or the bound is reached. */
    synchronized LibraryClass get(String name) {
        if (read.containsKey(name)) {
            return read.get(name);
        }
        LibraryClass found = null;
        if (read.size() < MAX_CLASSES) {
            byte[] bytes = classBytes.apply(name);
            try {
                found = bytes == null ? null : LibraryClass.read(bytes, supertypes);
            } catch (IllegalArgumentException e) {
                found = null; // an unreadable class is treated as one not on the class path
            }
            read.put(name, found);
        }
        return found;
    }
}
