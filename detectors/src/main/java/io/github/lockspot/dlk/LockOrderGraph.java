package io.github.lockspot.dlk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lock-order graph and its deadlock cycles. A cycle must be one that threads can really close: at each lock of
 * it, the mode in which one edge holds it must exclude the mode in which the previous edge waits for it (two readers
 * of one read-write lock do not wait for each other), no gate lock may be held across every edge, and not every edge
 * may lead from a wrapper into the object it wraps (closing such a cycle takes objects that wrap each other).
 *
 * <p>To check modes, each lock is split into two vertices: waited for exclusively, and waited for in shared (read)
 * mode. An edge holding A in mode h and taking B in mode w leaves A's exclusive vertex, leaves A's shared vertex only
 * if h is exclusive, and enters B's vertex for w. Cycles of this split graph are the cycles that can deadlock.
 */
final class LockOrderGraph {
    /** Longest cycle looked for, in locks. */
    static final int MAX_CYCLE_LENGTH = 8;
    /** Most cycles reported for one program; a tangle beyond this is named by its first cycles. */
    static final int MAX_CYCLES = 100;
    /** Bound on the search's steps, so that a dense graph cannot stall the run. */
    static final long MAX_STEPS = 1_000_000;

    /** A lock, as waited for exclusively or in shared mode. */
    record Vertex(String node, boolean shared) implements Comparable<Vertex> {
        @Override
        public int compareTo(Vertex other) {
            int byNode = node.compareTo(other.node);
            return byNode != 0 ? byNode : Boolean.compare(shared, other.shared);
        }
    }

    /** A deadlock cycle: {@code edges.get(i)} takes {@code nodes.get(i + 1)} (cyclically) holding {@code nodes.get(i)}. */
    record Cycle(List<String> nodes, List<LockOrder.Edge> edges) {
    }

    /** The edge a report shows for a hop: the most direct nesting, then the first by site. */
    static final Comparator<LockOrder.Edge> REPRESENTATIVE = Comparator
            .comparingInt((LockOrder.Edge edge) -> edge.nesting().path().size())
            .thenComparing(edge -> edge.nesting().nestingPoint())
            .thenComparing(edge -> edge.nesting().takenAt())
            .thenComparing(edge -> edge.nesting().heldAt());

    private final List<LockOrder.Edge> edges;
    private final Map<Vertex, Map<Vertex, List<LockOrder.Edge>>> arcs = new TreeMap<>();
    private final Map<Vertex, Set<Vertex>> reverse = new TreeMap<>();
    private final List<Cycle> cycles = new ArrayList<>();
    private final Set<List<String>> reported = new HashSet<>();
    private long steps;

    LockOrderGraph(List<LockOrder.Edge> edges) {
        this.edges = edges;
        for (LockOrder.Edge edge : edges) {
            Vertex into = new Vertex(edge.to(), !edge.nesting().taken().kind().exclusive());
            addArc(new Vertex(edge.from(), false), into, edge);
            if (edge.nesting().held().kind().exclusive()) {
                addArc(new Vertex(edge.from(), true), into, edge);
            }
        }
        findCycles();
    }

    private void addArc(Vertex from, Vertex to, LockOrder.Edge edge) {
        arcs.computeIfAbsent(from, k -> new TreeMap<>()).computeIfAbsent(to, k -> new ArrayList<>()).add(edge);
        arcs.computeIfAbsent(to, k -> new TreeMap<>());
        reverse.computeIfAbsent(to, k -> new TreeSet<>()).add(from);
    }

    /** The cycles that can deadlock, each once, in a deterministic order. */
    List<Cycle> cycles() {
        return cycles;
    }

    /** Whether the search stopped at {@link #MAX_CYCLES} or {@link #MAX_STEPS} before seeing every cycle. */
    boolean truncated() {
        return cycles.size() >= MAX_CYCLES || steps >= MAX_STEPS;
    }

    /**
     * Each elementary cycle is found from its smallest vertex, searching only larger vertices that lie on a cycle
     * through the start (its strongly connected component among them); shorter cycles first for each start.
     */
    private void findCycles() {
        List<Vertex> order = new ArrayList<>(arcs.keySet());
        for (int s = 0; s < order.size() && !truncated(); s++) {
            Vertex start = order.get(s);
            Set<Vertex> component = reachable(start, true);
            component.retainAll(reachable(start, false));
            component.removeIf(v -> v.compareTo(start) < 0);
            if (component.size() < 2) {
                continue;
            }
            for (int length = 2; length <= Math.min(MAX_CYCLE_LENGTH, component.size()) && !truncated(); length++) {
                List<Vertex> path = new ArrayList<>();
                path.add(start);
                search(start, path, length, component);
            }
        }
        cycles.sort(Comparator.comparing((Cycle cycle) -> cycle.nodes().get(0))
                .thenComparingInt(cycle -> cycle.nodes().size())
                .thenComparing(cycle -> cycle.nodes().toString()));
    }

    private Set<Vertex> reachable(Vertex start, boolean forward) {
        Set<Vertex> seen = new TreeSet<>();
        Deque<Vertex> todo = new ArrayDeque<>();
        seen.add(start);
        todo.add(start);
        while (!todo.isEmpty()) {
            Vertex next = todo.poll();
            Set<Vertex> neighbours = forward ? arcs.get(next).keySet() : reverse.getOrDefault(next, Set.of());
            for (Vertex neighbour : neighbours) {
                if (seen.add(neighbour)) {
                    todo.add(neighbour);
                }
            }
        }
        return seen;
    }

    /** Extends {@code path} to simple cycles of exactly {@code length} vertices back to its start. */
    private void search(Vertex at, List<Vertex> path, int length, Set<Vertex> component) {
        for (Vertex next : arcs.get(at).keySet()) {
            if (++steps >= MAX_STEPS || cycles.size() >= MAX_CYCLES) {
                return;
            }
            if (next.equals(path.get(0)) && path.size() == length) {
                record(path);
            } else if (path.size() < length && component.contains(next) && !path.contains(next)) {
                path.add(next);
                search(next, path, length, component);
                path.remove(path.size() - 1);
            }
        }
    }

    private void record(List<Vertex> path) {
        List<String> nodes = new ArrayList<>(path.size());
        for (Vertex vertex : path) {
            if (nodes.contains(vertex.node())) {
                return; // the same lock in both modes: not an elementary cycle of locks
            }
            nodes.add(vertex.node());
        }
        List<List<LockOrder.Edge>> hops = new ArrayList<>(path.size());
        for (int i = 0; i < path.size(); i++) {
            hops.add(arcs.get(path.get(i)).get(path.get((i + 1) % path.size())));
        }
        if (!commonGates(hops).isEmpty() || allIntoWrapped(hops)) {
            return;
        }
        int first = nodes.indexOf(new TreeSet<>(nodes).first());
        List<String> rotatedNodes = new ArrayList<>(nodes.size());
        List<LockOrder.Edge> representatives = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            int hop = (first + i) % nodes.size();
            rotatedNodes.add(nodes.get(hop));
            representatives.add(hops.get(hop).stream().min(REPRESENTATIVE).orElseThrow());
        }
        if (reported.add(rotatedNodes)) {
            cycles.add(new Cycle(List.copyOf(rotatedNodes), List.copyOf(representatives)));
        }
    }

    /** Whether every nesting of every hop leads from a wrapper into the object it wraps. */
    private static boolean allIntoWrapped(List<List<LockOrder.Edge>> hops) {
        return hops.stream().allMatch(hop -> hop.stream().allMatch(LockOrder.Edge::intoWrapped));
    }

    /** Gates held across every nesting of every hop: if any, the hops never run at the same time. */
    private static Set<String> commonGates(List<List<LockOrder.Edge>> hops) {
        Set<String> common = null;
        for (List<LockOrder.Edge> hop : hops) {
            for (LockOrder.Edge edge : hop) {
                if (common == null) {
                    common = new TreeSet<>(edge.nesting().gates());
                } else {
                    common.retainAll(edge.nesting().gates());
                }
            }
        }
        return common == null ? Set.of() : common;
    }

    /** Every edge of the graph, grouped by the pair of locks it joins (representative first), for pictures. */
    Map<List<String>, List<LockOrder.Edge>> edgesByPair() {
        Map<List<String>, List<LockOrder.Edge>> byPair = new TreeMap<>(Comparator.comparing(List::toString));
        for (LockOrder.Edge edge : edges) {
            byPair.computeIfAbsent(List.of(edge.from(), edge.to()), k -> new ArrayList<>()).add(edge);
        }
        byPair.values().forEach(pair -> pair.sort(REPRESENTATIVE));
        return byPair;
    }
}
