package io.github.lockspot.bench;

import java.util.List;
import java.util.Set;

/**
 * One reported bug: its type and priority; where it is (primary class, method and line; line -1 when the report
 * has none); a stable key for comparing runs; and the text that known bugs are matched against.
 */
record Report(String type, int priority, String className, String method, int line, String key, Set<String> methods,
        String lockText, String message) {

    /** LockSpot's detector families, by bug type prefix. */
    static final List<String> FAMILIES = List.of("DLK", "RMW", "RNA", "BLK");

    String family() {
        int underscore = type.indexOf('_');
        return underscore < 0 ? "" : type.substring(0, underscore);
    }

    boolean isLockSpot() {
        return FAMILIES.contains(family());
    }
}
