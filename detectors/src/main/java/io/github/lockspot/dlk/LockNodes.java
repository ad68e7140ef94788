package io.github.lockspot.dlk;

import io.github.lockspot.analysis.ClassSummary;
import io.github.lockspot.analysis.Events;
import io.github.lockspot.analysis.LockId;
import io.github.lockspot.analysis.LockKind;
import io.github.lockspot.analysis.MethodSummary;
import io.github.lockspot.analysis.Names;
import io.github.lockspot.analysis.ProgramModel;
import io.github.lockspot.analysis.ValuePath;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names the nodes of the lock-order graph: which locks, seen in different methods and on different objects, count as
 * one. The monitor of an object whose class locks {@code this} in its own code is one node per class hierarchy ("any
 * Taxi"), so that a synchronized method and another object's call into it meet; every other lock is named by the field,
 * static, class literal or getter it comes from ({@link LockId#node()}). A view of a lock as a bare parameter, local or
 * unknown value of a class that does not lock itself names no node: the caller's view may.
 */
final class LockNodes {
    private static final String ANY_INSTANCE = "instance of ";
    private static final List<String> PRECISE_PREFIXES = List.of("field ", "static ", "class ");

    private final ProgramModel model;
    private final Set<String> selfLocking = new HashSet<>();
    private final Map<String, String> selfLockingRoots = new HashMap<>();

    LockNodes(ProgramModel model) {
        this.model = model;
        for (ClassSummary summary : model.classes()) {
            for (MethodSummary method : summary.methods()) {
                for (Events.Acquisition acquisition : method.acquisitions()) {
                    if (acquisition.lock().kind() == LockKind.MONITOR
                            && acquisition.lock().path() instanceof ValuePath.This) {
                        selfLocking.add(summary.name());
                    }
                }
            }
        }
    }

    /** The graph node {@code lock} stands for as one method sees it, or null if that view names none. */
    String nodeOf(LockId lock) {
        if (lock.kind() == LockKind.SEMAPHORE) {
            return null; // permits have no owner: holding one does not keep another thread out for good
        }
        ValuePath base = lock.readWriteBase();
        if (lock.kind() == LockKind.MONITOR) {
            String root = selfLockingRoot(base.type());
            if (root != null) {
                return ANY_INSTANCE + root;
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
     * The topmost analysed class in {@code type}'s superclass chain whose own code locks {@code this}: all objects of
     * that hierarchy share one monitor node. Null if no class in the chain locks itself.
     */
    private String selfLockingRoot(String type) {
        if (selfLockingRoots.containsKey(type)) {
            return selfLockingRoots.get(type);
        }
        String root = null;
        Set<String> visited = new HashSet<>();
        for (String c = type; c != null && visited.add(c) && model.classNamed(c) != null;
                c = model.classNamed(c).superName()) {
            if (selfLocking.contains(c)) {
                root = c;
            }
        }
        selfLockingRoots.put(type, root);
        return root;
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
