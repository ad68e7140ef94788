package io.github.lockspot.analysis.program;

import io.github.lockspot.analysis.api.JdkTypes;
import io.github.lockspot.analysis.api.Supertypes;
import io.github.lockspot.analysis.flow.ClassSummary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Subtype questions over the analysed classes, falling back to the running JDK for {@code java.*} types (so that a
 * user's {@code class Jobs extends ArrayBlockingQueue} is a {@code BlockingQueue}). Classes neither analysed nor in
 * the JDK are treated as having no known supertypes.
 */
final class TypeHierarchy implements Supertypes {

    private final Map<String, ClassSummary> classes;
    private final Map<String, Set<String>> supertypes = new HashMap<>();
    private Map<String, List<String>> directSubtypes;
    private final Map<String, List<String>> analysedSubtypes = new HashMap<>();

    TypeHierarchy(Map<String, ClassSummary> classes) {
        this.classes = classes;
    }

    @Override
    public boolean isSubtype(String type, String supertype) {
        return type.equals(supertype) || supertypesOf(type).contains(supertype);
    }

    /** All proper supertypes of {@code type}, transitively. */
    Set<String> supertypesOf(String type) {
        Set<String> known = supertypes.get(type);
        if (known != null) {
            return known;
        }
        Set<String> found = Supertypes.transitive(type, this::directSupertypes);
        supertypes.put(type, found);
        return found;
    }

    private List<String> directSupertypes(String type) {
        ClassSummary summary = classes.get(type);
        if (summary != null) {
            List<String> direct = new ArrayList<>(summary.interfaces());
            if (summary.superName() != null) {
                direct.add(summary.superName());
            }
            return direct;
        }
        return JdkTypes.directSupertypes(type);
    }

    /** Analysed classes that extend or implement {@code type}, transitively. */
    List<String> analysedSubtypesOf(String type) {
        if (directSubtypes == null) {
            directSubtypes = new HashMap<>();
            for (ClassSummary summary : classes.values()) {
                for (String direct : directSupertypes(summary.name())) {
                    directSubtypes.computeIfAbsent(direct, k -> new ArrayList<>()).add(summary.name());
                }
            }
        }
        // Asked for every virtual call the call graph resolves: remembered per type.
        return analysedSubtypes.computeIfAbsent(type, this::collectAnalysedSubtypes);
    }

    private List<String> collectAnalysedSubtypes(String type) {
        List<String> result = new ArrayList<>();
        Deque<String> todo = new ArrayDeque<>(directSubtypes.getOrDefault(type, List.of()));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                result.add(next);
                todo.addAll(directSubtypes.getOrDefault(next, List.of()));
            }
        }
        return List.copyOf(result);
    }

    /** Forgets what was derived from the analysed classes, after one was added. */
    void classesChanged() {
        supertypes.clear();
        directSubtypes = null;
        analysedSubtypes.clear();
    }
}
