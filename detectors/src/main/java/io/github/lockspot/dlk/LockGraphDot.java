package io.github.lockspot.dlk;

import io.github.lockspot.analysis.program.ProgramModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The lock-order graph as Graphviz DOT: one box per lock, one arrow per ordered pair of locks with one label (the
 * first nesting, where the first lock is held and the second taken, and how many more sites nest the pair); dashed
 * when no nesting of the pair is confident. Cycles are red: those reported bold, and pairs taken in both orders that
 * are not reported thin; a legend lists both, the latter with the reason. Opt-in: written when the system property
 * {@value #PROPERTY} names a file (render with {@code dot -Tsvg file.dot}, or {@code bin/lockspot --graph x.svg}).
 */
public final class LockGraphDot {
    /** The system property naming the file to write the graph to. */
    public static final String PROPERTY = "lockspot.lockGraph";

    private LockGraphDot() {
    }

    /** Writes the graph to the file {@value #PROPERTY} names, if it is set. */
    static void writeIfRequested(LockOrderGraph graph) throws IOException {
        String file = System.getProperty(PROPERTY);
        if (file != null && !file.isBlank()) {
            Path path = Path.of(file);
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            Files.writeString(path, dot(graph), StandardCharsets.UTF_8);
        }
    }

    /** The graph in DOT. */
    static String dot(LockOrderGraph graph) {
        Set<List<String>> reportedArrows = new HashSet<>();
        Set<String> cycleLocks = new HashSet<>();
        StringBuilder legend = new StringBuilder("A -> B: B is taken while A is held (label: the first site, "
                + "held at -> taken at)\ndashed: no confident nesting (a guess among implementations, or through "
                + "more than " + ProgramModel.CONFIDENT_CALLS + " calls)\n");
        List<LockOrderGraph.Cycle> cycles = graph.cycles();
        legend.append(cycles.isEmpty() ? "no reported cycle\n" : "red, bold: reported cycles (DLK_LOCK_ORDER_CYCLE)\n");
        for (LockOrderGraph.Cycle cycle : cycles) {
            StringBuilder names = new StringBuilder();
            for (LockOrder.Edge edge : cycle.edges()) {
                reportedArrows.add(List.of(edge.from(), edge.to()));
                cycleLocks.add(edge.from());
                names.append(LockNodes.label(edge.from())).append(" -> ");
            }
            legend.append("  ").append(names).append(LockNodes.label(cycle.nodes().get(0)))
                    .append(cycle.confident() ? "" : " (low priority)").append("\n");
        }
        Set<List<String>> unreportedArrows = new HashSet<>();
        List<LockOrderGraph.UnreportedPair> unreported = graph.unreportedPairs();
        if (!unreported.isEmpty()) {
            legend.append("red, thin: locks taken in both orders, not reported because\n");
        }
        for (LockOrderGraph.UnreportedPair pair : unreported) {
            unreportedArrows.add(List.of(pair.first(), pair.second()));
            unreportedArrows.add(List.of(pair.second(), pair.first()));
            cycleLocks.add(pair.first());
            cycleLocks.add(pair.second());
            legend.append("  ").append(LockNodes.label(pair.first())).append(" <-> ")
                    .append(LockNodes.label(pair.second())).append(": ").append(pair.reason()).append("\n");
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
                .append("  // LockSpot lock-order graph: A -> B where B is taken while A is held; red: cycles\n")
                .append("  rankdir=LR;\n")
                .append("  node [shape=box, fontname=\"Helvetica\", fontsize=14];\n")
                .append("  edge [fontname=\"Helvetica\", fontsize=12];\n")
                .append("  legend [shape=note, fontsize=12, label=").append(quoted(legend.toString())).append("];\n");
        for (Map.Entry<String, String> lock : ids.entrySet()) {
            dot.append("  ").append(lock.getValue()).append(" [label=").append(quoted(LockNodes.label(lock.getKey())))
                    .append(cycleLocks.contains(lock.getKey()) ? ", color=red, fontcolor=red" : "").append("];\n");
        }
        for (Map.Entry<List<String>, List<LockOrder.Edge>> arrow : arrows.entrySet()) {
            List<String> pair = arrow.getKey();
            dot.append("  ").append(ids.get(pair.get(0))).append(" -> ").append(ids.get(pair.get(1)))
                    .append(" [label=").append(quoted(label(arrow.getValue())))
                    .append(arrow.getValue().get(0).confident() ? "" : ", style=dashed")
                    .append(reportedArrows.contains(pair) ? ", color=red, fontcolor=red, penwidth=2"
                            : unreportedArrows.contains(pair) ? ", color=red, fontcolor=red" : "")
                    .append("];\n");
        }
        return dot.append("}\n").toString();
    }

    /** The arrow's one label: its first nesting (held at -> taken at) and how many other sites nest the pair. */
    private static String label(List<LockOrder.Edge> edges) {
        Set<String> sites = new LinkedHashSet<>();
        for (LockOrder.Edge edge : edges) {
            sites.add(edge.nesting().heldAt() + " -> " + edge.nesting().takenAt());
        }
        String first = sites.iterator().next();
        return first + "\n" + (sites.size() == 1 ? "" : "(and " + (sites.size() - 1) + " more)\n");
    }

    /** A DOT string, each line ending in a newline, left-justified. */
    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\l") + '"';
    }
}
