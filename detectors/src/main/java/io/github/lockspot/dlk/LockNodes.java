package io.github.lockspot.dlk;

import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.LockKind;
import io.github.lockspot.analysis.value.Names;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Names the nodes of the lock-order graph: which locks, seen in different methods and on different objects, count as
 * one. The monitor of an object whose class locks {@code this} in its own code is one node per family of such classes
 * ("any Taxi"), so that a synchronized method and another object's call into it meet: a family is a class hierarchy,
 * joined with the types (interfaces, superclasses) that code synchronizes on when its classes implement them
 * ({@code synchronized (session)} on a {@code SessionInterface} field is a {@code Session}'s monitor). Every other lock
 * is named by the field, static, class literal or getter it comes from ({@link LockId#node()}). A view of a lock as a
 * bare parameter, local or unknown value of a class that does not lock itself names no node: the caller's view may.
 */
final class LockNodes {
    private static final String ANY_INSTANCE = "instance of ";
    private static final List<String> PRECISE_PREFIXES = List.of("field ", "static ", "class ");

    private final ProgramModel model;
    /** Union-find over the types whose monitors are one node: each type's parent, a root maps to itself. */
    private final Map<String, String> family = new HashMap<>();
    private final Map<String, String> familyNames = new HashMap<>();
    private final Map<String, String> typeNodes = new HashMap<>();

    LockNodes(ProgramModel model) {
        this.model = model;
        Set<String> selfLocking = new TreeSet<>();
        Set<String> lockedTypes = new TreeSet<>();
        for (ClassSummary summary : model.classes()) {
            for (MethodSummary method : summary.methods()) {
                for (Events.Acquisition acquisition : method.acquisitions()) {
                    if (acquisition.lock().kind() == LockKind.MONITOR) {
                        (acquisition.lock().path() instanceof ValuePath.This ? selfLocking : lockedTypes)
                                .add(acquisition.lock().path().type());
                    }
                }
            }
        }
        for (String type : selfLocking) {
            family.putIfAbsent(type, type);
            String ancestor = selfLockingAncestor(model.classNamed(type).superName(), selfLocking);
            if (ancestor != null) {
                join(type, ancestor);
            }
        }
        for (String type : lockedTypes) {
            if (model.classNamed(type) != null && !selfLocking.contains(type)) {
                for (String implementation : selfLocking) {
                    if (model.isSubtype(implementation, type)) {
                        join(type, implementation);
                    }
                }
            }
        }
        for (String type : selfLocking) { // a family is named by its first self-locking class
            familyNames.putIfAbsent(root(type), type);
        }
    }

    private String selfLockingAncestor(String type, Set<String> selfLocking) {
        Set<String> visited = new HashSet<>();
        for (String c = type; c != null && visited.add(c) && model.classNamed(c) != null;
                c = model.classNamed(c).superName()) {
            if (selfLocking.contains(c)) {
                return c;
            }
        }
        return null;
    }

    private String root(String type) {
        String parent = family.get(type);
        while (!parent.equals(type)) {
            type = parent;
            parent = family.get(type);
        }
        return type;
    }

    private void join(String a, String b) {
        family.putIfAbsent(a, a);
        family.putIfAbsent(b, b);
        String rootA = root(a);
        String rootB = root(b);
        if (!rootA.equals(rootB)) {
            family.put(rootA.compareTo(rootB) < 0 ? rootB : rootA, rootA.compareTo(rootB) < 0 ? rootA : rootB);
        }
    }

    /** The graph node {@code lock} stands for as one method sees it, or null if that view names none. */
    String nodeOf(LockId lock) {
        if (lock.kind() == LockKind.SEMAPHORE) {
            return null; // permits have no owner: holding one does not keep another thread out for good
        }
        ValuePath base = lock.readWriteBase();
        if (lock.kind() == LockKind.MONITOR) {
            String node = typeNode(base.type());
            if (node != null) {
                return node;
            }
        }
        if (base instanceof ValuePath.CallResult getter && getter.base() != null && getter.type() != null
                && getter.base().abstractKey().startsWith(ANY_INSTANCE)) {
            // what one inherited getter returns on any object of its class, seen through subclasses or the class
            String declarer = model.soleDeclarer(getter.owner(), getter.name(), getter.type());
            if (declarer != null) {
                return ANY_INSTANCE + declarer + "." + getter.name() + "()";
            }
        }
        boolean named = base instanceof ValuePath.InstanceField || base instanceof ValuePath.StaticField
                || base instanceof ValuePath.ClassLiteral || base instanceof ValuePath.CallResult;
        return named ? lock.node() : null;
    }

    /** The first node named by {@code views}, innermost view first; null if none names one. */
    String firstNode(List<LockId> views) {
        for (LockId view : views) {
            String node = nodeOf(view);
            if (node != null) {
                return node;
            }
        }
        return null;
    }

    /**
     * The monitor node of objects of {@code type}: that of its family, or of the family of its nearest superclass in
     * one; null if neither it nor a superclass is in a family (its monitor is then named by where it is kept).
     */
    private String typeNode(String type) {
        if (typeNodes.containsKey(type)) {
            return typeNodes.get(type);
        }
        String node = null;
        Set<String> visited = new HashSet<>();
        for (String c = type; c != null && visited.add(c); c = model.classNamed(c) == null ? null
                : model.classNamed(c).superName()) {
            if (family.containsKey(c)) {
                node = ANY_INSTANCE + familyNames.get(root(c));
                break;
            }
        }
        typeNodes.put(type, node);
        return node;
    }

    /** Whether {@code node} is one field, static or class literal, rather than any object of a type. */
    static boolean isPrecise(String node) {
        return PRECISE_PREFIXES.stream().anyMatch(node::startsWith);
    }

    /** Readable name of a node: {@code Account.lock}, {@code Registry.LOCK}, {@code Registry.class}, {@code any Taxi}. */
    static String label(String node) {
        for (String prefix : List.of("field ", "static ", "class ", ANY_INSTANCE)) {
            if (node.startsWith(prefix)) {
                String rest = node.substring(prefix.length());
                int dot = rest.indexOf('.');
                String owner = Names.simpleName(dot < 0 ? rest : rest.substring(0, dot));
                String name = owner + (dot < 0 ? "" : rest.substring(dot));
                return switch (prefix) {
                    case "class " -> name + ".class";
                    case ANY_INSTANCE -> "any " + name;
                    default -> name;
                };
            }
        }
        return node;
    }

    /** The node's label with the mode a lock of {@code kind} takes it in, e.g. {@code Cache.rw (read)}. */
    static String label(String node, LockKind kind) {
        return switch (kind) {
            case READ_LOCK, STAMPED_READ -> label(node) + " (read)";
            case WRITE_LOCK, STAMPED_WRITE -> label(node) + " (write)";
            default -> label(node);
        };
    }
}
