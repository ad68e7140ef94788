package io.github.lockspot.dlk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The lock-order graph as Graphviz DOT: one box per lock, one arrow per ordered pair of locks labelled with where the
 * first is held and the second taken (dashed when no nesting of the pair is confident); the locks and arrows of
 * reported cycles in red. Opt-in: written when the system
 * property {@value #PROPERTY} names a file (render with {@code dot -Tsvg file.dot}).
 */
final class LockGraphDot {
    /** The system property naming the file to write the graph to. */
    static final String PROPERTY = "lockspot.lockGraph";
    /** Nesting sites listed on one arrow before the rest are counted. */
    static final int SITES_PER_ARROW = 3;

    private LockGraphDot() {
    }

    /** Writes the graph to the file {@value #PROPERTY} names, if it is set. */
    static void writeIfRequested(LockOrderGraph graph) throws IOException {
        String file = System.getProperty(PROPERTY);
        if (file != null && !file.isBlank()) {
            Files.writeString(Path.of(file), dot(graph), StandardCharsets.UTF_8);
        }
    }

    /** The graph in DOT. */
    static String dot(LockOrderGraph graph) {
        Set<List<String>> cycleArrows = new HashSet<>();
        Set<String> cycleLocks = new HashSet<>();
        for (LockOrderGraph.Cycle cycle : graph.cycles()) {
            for (LockOrder.Edge edge : cycle.edges()) {
                cycleArrows.add(List.of(edge.from(), edge.to()));
                cycleLocks.add(edge.from());
            }
        }
        Map<List<String>, List<LockOrder.Edge>> arrows = graph.edgesByPair();
        Map<String, String> ids = new TreeMap<>();
        for (List<String> pair : arrows.keySet()) {
            ids.putIfAbsent(pair.get(0), null);
            ids.putIfAbsent(pair.get(1), null);
        }
        int next = 0;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            id.setValue("lock" + next++);
        }
        StringBuilder dot = new StringBuilder("digraph \"lock order\" {\n")
                .append("  // LockSpot lock-order graph: A -> B where B is taken while A is held; red: reported cycles\n")
                .append("  rankdir=LR;\n")
                .append("  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n")
                .append("  edge [fontname=\"Helvetica\", fontsize=8];\n");
        for (Map.Entry<String, String> lock : ids.entrySet()) {
            dot.append("  ").append(lock.getValue()).append(" [label=").append(quoted(LockNodes.label(lock.getKey())))
                    .append(cycleLocks.contains(lock.getKey()) ? ", color=red, fontcolor=red" : "").append("];\n");
        }
        for (Map.Entry<List<String>, List<LockOrder.Edge>> arrow : arrows.entrySet()) {
            List<String> pair = arrow.getKey();
            dot.append("  ").append(ids.get(pair.get(0))).append(" -> ").append(ids.get(pair.get(1)))
                    .append(" [label=").append(quoted(sites(arrow.getValue())))
                    .append(arrow.getValue().get(0).confident() ? "" : ", style=dashed")
                    .append(cycleArrows.contains(pair) ? ", color=red, fontcolor=red, penwidth=2" : "")
                    .append("];\n");
        }
        return dot.append("}\n").toString();
    }

    /** The arrow's label: for the first nestings, where the first lock is held and the second taken. */
    private static String sites(List<LockOrder.Edge> edges) {
        StringBuilder label = new StringBuilder();
        for (LockOrder.Edge edge : edges.subList(0, Math.min(edges.size(), SITES_PER_ARROW))) {
            label.append(edge.nesting().heldAt()).append(" -> ").append(edge.nesting().takenAt()).append("\n");
        }
        if (edges.size() > SITES_PER_ARROW) {
            label.append("and ").append(edges.size() - SITES_PER_ARROW).append(" more\n");
        }
        return label.toString();
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\l") + '"';
    }
}
