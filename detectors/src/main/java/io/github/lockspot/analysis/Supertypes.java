package io.github.lockspot.analysis;

import java.util.HashMap;
import java.util.Map;

/**
 * Subtype questions asked while one class is analysed, before the rest of the program is known: which JDK lock type
 * a user class such as {@code class PoolLock extends ReentrantLock} is, so that {@code poolLock.lock()} counts as
 * taking a lock. SpotBugs answers them from its class path; without it, only JDK types have supertypes.
 */
@FunctionalInterface
public interface Supertypes {

    /** Only the running JDK's classes have known supertypes. */
    Supertypes JDK_ONLY = new TypeHierarchy(Map.of())::isSubtype;

    /** Whether {@code type} is {@code supertype} or extends or implements it (internal names); false when unknown. */
    boolean isSubtype(String type, String supertype);

    /**
     * These answers, each asked of {@code source} once: the same owners of lock-method calls are asked about again in
     * every method that calls them. Safe for concurrent use.
     */
    static Supertypes remembering(Supertypes source) {
        Map<String, Map<String, Boolean>> answers = new HashMap<>();
        return (type, supertype) -> {
            synchronized (answers) {
                Map<String, Boolean> bySubtype = answers.computeIfAbsent(supertype, k -> new HashMap<>());
                Boolean known = bySubtype.get(type);
                if (known == null) {
                    known = source.isSubtype(type, supertype);
                    bySubtype.put(type, known);
                }
                return known;
            }
        };
    }
}
