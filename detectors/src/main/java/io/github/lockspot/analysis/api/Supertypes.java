package io.github.lockspot.analysis.api;


import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Subtype questions asked while one class is analysed, before the rest of the program is known: which JDK lock type
 * a user class such as {@code class PoolLock extends ReentrantLock} is, so that {@code poolLock.lock()} counts as
 * taking a lock. SpotBugs answers them from its class path; without it, only JDK types have supertypes.
 */
@FunctionalInterface
public interface Supertypes {

    /** Only the running JDK's classes have known supertypes. */
    Supertypes JDK_ONLY = JdkTypes::isSubtype;

    /** Whether {@code type} is {@code supertype} or extends or implements it (internal names); false when unknown. */
    boolean isSubtype(String type, String supertype);

    /** All proper supertypes of {@code type}, following {@code direct} (a type's superclass and interfaces). */
    static Set<String> transitive(String type, Function<String, List<String>> direct) {
        Set<String> found = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(direct.apply(type));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (found.add(next)) {
                todo.addAll(direct.apply(next));
            }
        }
        return found;
    }

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
