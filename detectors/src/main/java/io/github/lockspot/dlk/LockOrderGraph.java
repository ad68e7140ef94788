package io.github.lockspot.dlk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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
 *
 * <p>Which cycles are reported: for each arc inside a strongly connected component, in sorted order, whose pair of
 * locks no reported cycle covers yet, the shortest cycle through it (of any length). Every edge that lies on a cycle
 * is so shown once, in the most direct cycle there is, and a tangle of many locks gives a report per independent way
 * round rather than one per elementary cycle (of which there can be exponentially many). This is done first over the
 * confident edges only ({@link LockOrder.Edge#confident()}); then over all edges, for the pairs still uncovered, at
 * most {@value #MAX_UNCERTAIN_PER_TANGLE} cycles per strongly connected component: a whole-program graph built on
 * guesses about implementations tangles quickly, and more of its cycles say little more.
 */
final class LockOrderGraph {
    /** Most cycles reported for one program; beyond, the graph picture shows the rest. */
    static final int MAX_CYCLES = 200;
    /** Most cycles that need a guessed or deep edge reported per strongly connected component. */
    static final int MAX_UNCERTAIN_PER_TANGLE = 3;
    /** Bound on the vertices the cycle searches visit in all, so that a dense graph cannot stall the run. */
    static final long MAX_STEPS = 5_000_000;

    /** A lock, as waited for exclusively or in shared mode. */
    record Vertex(String node, boolean shared) implements Comparable<Vertex> {
        @Override
        public int compareTo(Vertex other) {
            int byNode = node.compareTo(other.node);
            return byNode != 0 ? byNode : Boolean.compare(shared, other.shared);
        }
    }

    /**
     * A deadlock cycle: {@code edges.get(i)} takes {@code nodes.get(i + 1)} (cyclically) holding {@code nodes.get(i)};
     * {@code confident} if every edge is.
     */
    record Cycle(List<String> nodes, List<LockOrder.Edge> edges, boolean confident) {
    }

    /** The edge a report shows for a hop: a confident one, the most direct, then the first by site. */
    static final Comparator<LockOrder.Edge> REPRESENTATIVE = Comparator
            .comparing((LockOrder.Edge edge) -> !edge.confident())
            .thenComparingInt(edge -> edge.nesting().path().size())
            .thenComparing(edge -> edge.nesting().nestingPoint())
            .thenComparing(edge -> edge.nesting().takenAt())
            .thenComparing(edge -> edge.nesting().heldAt());

    private final List<LockOrder.Edge> edges;
    private final List<Cycle> cycles = new ArrayList<>();
    private final Set<List<String>> covered = new HashSet<>();
    private long steps;

    LockOrderGraph(List<LockOrder.Edge> edges) {
        this.edges = edges;
        // only edges on a cycle are asked whether they are confident: the guess it needs is dear to work out
        List<LockOrder.Edge> onCycles = new SplitGraph(edges).onCycles();
        findCycles(new SplitGraph(onCycles.stream().filter(LockOrder.Edge::confident).toList()), Integer.MAX_VALUE);
        findCycles(new SplitGraph(onCycles), MAX_UNCERTAIN_PER_TANGLE);
        cycles.sort(Comparator.comparing((Cycle cycle) -> cycle.nodes().get(0))
                .thenComparingInt(cycle -> cycle.nodes().size())
                .thenComparing(cycle -> cycle.nodes().toString()));
    }

    /** The cycles that can deadlock, each once, in a deterministic order. */
    List<Cycle> cycles() {
        return cycles;
    }

    /** Whether the search stopped at {@link #MAX_CYCLES} or {@link #MAX_STEPS} before covering every edge. */
    boolean truncated() {
        return cycles.size() >= MAX_CYCLES || steps >= MAX_STEPS;
    }

    /**
     * Adds, shortest first, the shortest cycle through each arc of {@code graph} whose pair of locks is not covered
     * yet, at most {@code perTangle} per strongly connected component.
     */
    private void findCycles(SplitGraph graph, int perTangle) {
        Map<Vertex, Integer> components = graph.components();
        List<List<Vertex>> candidates = new ArrayList<>();
        for (Map.Entry<Vertex, Map<Vertex, List<LockOrder.Edge>>> from : graph.arcs.entrySet()) {
            Vertex start = from.getKey();
            for (Vertex next : from.getValue().keySet()) {
                if (steps < MAX_STEPS && components.get(start).equals(components.get(next))
                        && !covered.contains(List.of(start.node(), next.node()))) {
                    List<Vertex> back = graph.shortestPath(next, start, components);
                    if (!back.isEmpty()) {
                        List<Vertex> cycle = new ArrayList<>(back.size());
                        cycle.add(start);
                        cycle.addAll(back.subList(0, back.size() - 1));
                        candidates.add(cycle);
                    }
                }
            }
        }
        candidates.sort(Comparator.comparingInt((List<Vertex> cycle) -> cycle.size()).thenComparing(List::toString));
        Map<Integer, Integer> foundPerComponent = new HashMap<>();
        for (List<Vertex> cycle : candidates) {
            Integer component = components.get(cycle.get(0));
            if (!truncated() && foundPerComponent.getOrDefault(component, 0) < perTangle
                    && !coversNothingNew(cycle) && record(graph, cycle)) {
                foundPerComponent.merge(component, 1, Integer::sum);
            }
        }
    }

    private boolean coversNothingNew(List<Vertex> cycle) {
        for (int i = 0; i < cycle.size(); i++) {
            if (!covered.contains(List.of(cycle.get(i).node(), cycle.get((i + 1) % cycle.size()).node()))) {
                return false;
            }
        }
        return true;
    }

    /** Reports {@code path} as a cycle unless it cannot deadlock; marks its hops as covered; true if reported. */
    private boolean record(SplitGraph graph, List<Vertex> path) {
        List<String> nodes = new ArrayList<>(path.size());
        for (Vertex vertex : path) {
            if (nodes.contains(vertex.node())) {
                return false; // the same lock in both modes: not an elementary cycle of locks
            }
            nodes.add(vertex.node());
        }
        List<List<LockOrder.Edge>> hops = new ArrayList<>(path.size());
        for (int i = 0; i < path.size(); i++) {
            hops.add(graph.arcs.get(path.get(i)).get(path.get((i + 1) % path.size())));
        }
        if (!commonGates(hops).isEmpty() || allIntoWrapped(hops)) {
            return false;
        }
        int first = nodes.indexOf(new TreeSet<>(nodes).first());
        List<String> rotatedNodes = new ArrayList<>(nodes.size());
        List<LockOrder.Edge> representatives = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            int hop = (first + i) % nodes.size();
            rotatedNodes.add(nodes.get(hop));
            representatives.add(hops.get(hop).stream().min(REPRESENTATIVE).orElseThrow());
            covered.add(List.of(nodes.get(hop), nodes.get((hop + 1) % nodes.size())));
        }
        if (cycles.stream().anyMatch(cycle -> cycle.nodes().equals(rotatedNodes))) {
            return false;
        }
        boolean confident = representatives.stream().allMatch(LockOrder.Edge::confident);
        cycles.add(new Cycle(List.copyOf(rotatedNodes), List.copyOf(representatives), confident));
        return true;
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

    /** A pair of locks taken in both orders that no reported cycle covers, and why it cannot deadlock or is left out. */
    record UnreportedPair(String first, String second, String reason) {
    }

    /**
     * The pairs of locks taken in both orders whose two-lock cycle is not reported, each with the reason (for the
     * graph picture's legend; the detector reports {@link #cycles()} only).
     */
    List<UnreportedPair> unreportedPairs() {
        Map<List<String>, List<LockOrder.Edge>> byPair = edgesByPair();
        List<UnreportedPair> unreported = new ArrayList<>();
        for (Map.Entry<List<String>, List<LockOrder.Edge>> pair : byPair.entrySet()) {
            String first = pair.getKey().get(0);
            String second = pair.getKey().get(1);
            List<LockOrder.Edge> back = byPair.get(List.of(second, first));
            if (first.compareTo(second) >= 0 || back == null
                    || covered.contains(pair.getKey()) && covered.contains(List.of(second, first))) {
                continue;
            }
            unreported.add(new UnreportedPair(first, second, whyNotReported(List.of(pair.getValue(), back))));
        }
        return unreported;
    }

    /** Why the two-lock cycle of {@code hops} (there and back) is not among the reported cycles. */
    private String whyNotReported(List<List<LockOrder.Edge>> hops) {
        Set<String> gates = commonGates(hops);
        if (!gates.isEmpty()) {
            return "both orders run holding " + LockNodes.label(gates.iterator().next());
        }
        if (allIntoWrapped(hops)) {
            return "every nesting leads from a wrapper into the object it wraps";
        }
        boolean modesConflict = hops.get(0).stream().anyMatch(there -> hops.get(1).stream()
                .anyMatch(back -> waitsFor(there, back) && waitsFor(back, there)));
        if (!modesConflict) {
            return "only readers of a read-write lock meet";
        }
        return truncated() ? "the cycle search stopped at its bound"
                : "more than " + MAX_UNCERTAIN_PER_TANGLE + " cycles need a guessed or deep nesting in this tangle";
    }

    /** Whether a thread on {@code into}, waiting for its lock, can wait for a thread holding it on {@code outOf}. */
    private static boolean waitsFor(LockOrder.Edge into, LockOrder.Edge outOf) {
        return into.nesting().taken().kind().exclusive() || outOf.nesting().held().kind().exclusive();
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

    /**
     * The split graph of some edges: each lock split into the vertex of exclusive waiters and that of shared waiters
     * (see the class comment), with arcs labelled by the edges that make them.
     */
    private final class SplitGraph {
        private final Map<Vertex, Map<Vertex, List<LockOrder.Edge>>> arcs = new TreeMap<>();
        private final Map<Vertex, Set<Vertex>> reverse = new TreeMap<>();
        private final List<LockOrder.Edge> edges;

        SplitGraph(List<LockOrder.Edge> edges) {
            this.edges = edges;
            for (LockOrder.Edge edge : edges) {
                Vertex into = into(edge);
                leaving(edge).forEach(from -> addArc(from, into, edge));
            }
        }

        /** The vertex an edge enters: its lock, as waited for in the mode the edge takes it. */
        private static Vertex into(LockOrder.Edge edge) {
            return new Vertex(edge.to(), !edge.nesting().taken().kind().exclusive());
        }

        /** The vertices an edge leaves: its held lock's exclusive vertex, and its shared one if held exclusively. */
        private static List<Vertex> leaving(LockOrder.Edge edge) {
            Vertex exclusive = new Vertex(edge.from(), false);
            return edge.nesting().held().kind().exclusive()
                    ? List.of(exclusive, new Vertex(edge.from(), true)) : List.of(exclusive);
        }

        private void addArc(Vertex from, Vertex to, LockOrder.Edge edge) {
            arcs.computeIfAbsent(from, k -> new TreeMap<>()).computeIfAbsent(to, k -> new ArrayList<>()).add(edge);
            arcs.computeIfAbsent(to, k -> new TreeMap<>());
            reverse.computeIfAbsent(to, k -> new TreeSet<>()).add(from);
        }

        /** The edges that make an arc inside a strongly connected component: those that lie on some cycle. */
        List<LockOrder.Edge> onCycles() {
            Map<Vertex, Integer> components = components();
            return edges.stream().filter(edge -> leaving(edge).stream()
                    .anyMatch(from -> components.get(from).equals(components.get(into(edge))))).toList();
        }

        /** The strongly connected component of every vertex, by number (Kosaraju's algorithm, without recursion). */
        Map<Vertex, Integer> components() {
            List<Vertex> finished = new ArrayList<>(arcs.size());
            Set<Vertex> seen = new HashSet<>();
            for (Vertex root : arcs.keySet()) {
                if (!seen.add(root)) {
                    continue;
                }
                Deque<Vertex> path = new ArrayDeque<>(List.of(root));
                Deque<Iterator<Vertex>> pending = new ArrayDeque<>(List.of(arcs.get(root).keySet().iterator()));
                while (!path.isEmpty()) {
                    Iterator<Vertex> successors = pending.peek();
                    if (successors.hasNext()) {
                        Vertex next = successors.next();
                        if (seen.add(next)) {
                            path.push(next);
                            pending.push(arcs.get(next).keySet().iterator());
                        }
                    } else {
                        pending.pop();
                        finished.add(path.pop());
                    }
                }
            }
            Map<Vertex, Integer> components = new HashMap<>();
            for (int i = finished.size() - 1; i >= 0; i--) {
                Vertex root = finished.get(i);
                if (components.putIfAbsent(root, i) != null) {
                    continue;
                }
                Deque<Vertex> todo = new ArrayDeque<>(List.of(root));
                while (!todo.isEmpty()) {
                    for (Vertex previous : reverse.getOrDefault(todo.poll(), Set.of())) {
                        if (components.putIfAbsent(previous, i) == null) {
                            todo.add(previous);
                        }
                    }
                }
            }
            return components;
        }

        /**
         * A shortest path from {@code from} to {@code to}, both ends included, breadth first inside their strongly
         * connected component (so there is one; empty if, against that, there is none).
         */
        List<Vertex> shortestPath(Vertex from, Vertex to, Map<Vertex, Integer> components) {
            Integer component = components.get(from);
            Map<Vertex, Vertex> previous = new HashMap<>();
            Deque<Vertex> todo = new ArrayDeque<>(List.of(from));
            previous.put(from, from);
            while (!previous.containsKey(to)) {
                Vertex at = todo.poll();
                if (at == null) {
                    return List.of();
                }
                steps++;
                for (Vertex next : arcs.get(at).keySet()) {
                    if (component.equals(components.get(next)) && previous.putIfAbsent(next, at) == null) {
                        todo.add(next);
                    }
                }
            }
            List<Vertex> path = new ArrayList<>();
            for (Vertex at = to; !at.equals(from); at = previous.get(at)) {
                path.add(0, at);
            }
            path.add(0, from);
            return path;
        }
    }
}
