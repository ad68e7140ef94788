package io.github.lockspot.dlk;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.AnalysisContext;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.spotbugs.LockSpotDetector;
import io.github.lockspot.spotbugs.Reports;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DLK: inconsistent lock acquisition order. Reports every cycle of the lock-order graph of all analysed classes
 * ({@value #CYCLE}), every method anyone can call that nests the locks of two objects of one kind in parameter order
 * ({@value #ARGUMENT_ORDER}), and every place where a thread blocks on a lock it already holds ({@value #SELF_DEADLOCK}).
 * With the system property {@value LockGraphDot#PROPERTY} naming a file, it also writes the lock-order graph there.
 */
public final class LockOrderDetector extends LockSpotDetector {
    static final String CYCLE = "DLK_LOCK_ORDER_CYCLE";
    static final String ARGUMENT_ORDER = "DLK_ARGUMENT_ORDER";
    static final String SELF_DEADLOCK = "DLK_SELF_DEADLOCK";

    private static final Comparator<Nesting> BY_PLACE = Comparator.comparing(Nesting::originPoint)
            .thenComparing(Nesting::takenAt).thenComparing(Nesting::heldAt);

    public LockOrderDetector(BugReporter bugReporter) {
        super(bugReporter);
    }

    @Override
    protected void report(ProgramModel model, Reports reports) {
        LockOrder order = LockOrder.of(model);
        LockOrderGraph graph = new LockOrderGraph(order.edges());
        for (LockOrderGraph.Cycle cycle : graph.cycles()) {
            reports.report(cycleBug(cycle, model, reports));
        }
        for (Nesting nesting : firstPerMethodAndLocks(order.argumentOrders())) {
            int priority = deep(nesting) ? Priorities.LOW_PRIORITY : Priorities.NORMAL_PRIORITY;
            reports.report(nestingBug(ARGUMENT_ORDER, priority, nesting, model, reports));
        }
        for (Nesting nesting : firstPerMethodAndLocks(order.selfDeadlocks())) {
            int priority = deep(nesting) ? Priorities.NORMAL_PRIORITY : Priorities.HIGH_PRIORITY;
            reports.report(nestingBug(SELF_DEADLOCK, priority, nesting, model, reports));
        }
        try {
            LockGraphDot.writeIfRequested(graph);
        } catch (IOException | InvalidPathException e) {
            AnalysisContext.logError("LockSpot could not write the lock graph to "
                    + System.getProperty(LockGraphDot.PROPERTY), e);
        }
    }

    /**
     * One report per cycle, located where the first edge (leaving the first lock in sorted order) reaches its second
     * lock; every edge's acquisition sites follow as described source lines. Cycles of locks that are each one field,
     * static or class literal rank higher than those with monitors known only by the class of their object; cycles
     * with an edge that is not confident (a guess about implementations, or through many calls) rank lowest.
     */
    private static BugInstance cycleBug(LockOrderGraph.Cycle cycle, ProgramModel model, Reports reports) {
        int priority;
        if (!cycle.confident()) {
            priority = Priorities.LOW_PRIORITY;
        } else if (cycle.nodes().stream().allMatch(LockNodes::isPrecise)) {
            priority = Priorities.HIGH_PRIORITY;
        } else {
            priority = Priorities.NORMAL_PRIORITY;
        }
        LockOrder.Edge first = cycle.edges().get(0);
        BugInstance bug = reports.bugAt(CYCLE, priority, first.nesting().nestingPoint(), model);
        StringBuilder locks = new StringBuilder();
        for (String node : cycle.nodes()) {
            locks.append(LockNodes.label(node)).append(" → ");
        }
        bug.addString(locks.append(LockNodes.label(cycle.nodes().get(0))).toString());
        bug.addString(sitesInWords(cycle, model, reports));
        for (int i = 0; i < cycle.edges().size(); i++) {
            LockOrder.Edge edge = cycle.edges().get(i);
            describeEdge(bug, "Edge " + (i + 1) + " of " + cycle.edges().size(),
                    LockNodes.label(edge.from(), edge.nesting().held().kind()),
                    LockNodes.label(edge.to(), edge.nesting().taken().kind()), edge.nesting(), model, reports);
        }
        return bug;
    }

    /** A report about one nesting, located where its method takes the second lock or calls towards it. */
    private static BugInstance nestingBug(String type, int priority, Nesting nesting, ProgramModel model,
            Reports reports) {
        BugInstance bug = reports.bugAt(type, priority, nesting.originPoint(), model);
        String taken = nesting.taken().display();
        String held = nesting.held().display();
        bug.addString(taken).addString(held);
        describeEdge(bug, "Nesting", held, taken, nesting, model, reports);
        return bug;
    }

    /**
     * Every edge's sites as one sentence ("edge 1: any Catalog taken at Catalog.java:17, holding it calls towards any
     * SearchIndex at Catalog.java:19, which is taken at SearchIndex.java:16; edge 2: ..."). SpotBugs' SARIF writer
     * emits only the primary location, so the message is where SARIF readers find the other sites.
     */
    private static String sitesInWords(LockOrderGraph.Cycle cycle, ProgramModel model, Reports reports) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < cycle.edges().size(); i++) {
            LockOrder.Edge edge = cycle.edges().get(i);
            Nesting nesting = edge.nesting();
            words.append(i == 0 ? "" : "; ").append("edge ").append(i + 1).append(": ")
                    .append(LockNodes.label(edge.from(), nesting.held().kind())).append(" taken at ")
                    .append(reports.fileAndLine(nesting.heldAt(), model));
            if (!nesting.nestingPoint().equals(nesting.takenAt())) {
                words.append(", holding it calls towards ").append(LockNodes.label(edge.to(), nesting.taken().kind()))
                        .append(" at ").append(reports.fileAndLine(nesting.nestingPoint(), model))
                        .append(", which is taken at ");
            } else {
                words.append(", then ").append(LockNodes.label(edge.to(), nesting.taken().kind()))
                        .append(" taken at ");
            }
            words.append(reports.fileAndLine(nesting.takenAt(), model));
        }
        return words.toString();
    }

    /**
     * Adds the sites of one nesting as described source lines (where the first lock was taken, where the holder calls
     * towards the second, where the second is taken) and the call chain as text.
     */
    private static void describeEdge(BugInstance bug, String edge, String held, String taken, Nesting nesting,
            ProgramModel model, Reports reports) {
        bug.addSourceLine(reports.line(nesting.heldAt(), model)).describe(edge + ": " + held + " taken");
        if (!nesting.nestingPoint().equals(nesting.takenAt())) {
            bug.addSourceLine(reports.line(nesting.nestingPoint(), model))
                    .describe(edge + ": holding it, calls towards " + taken);
        }
        bug.addSourceLine(reports.line(nesting.takenAt(), model)).describe(edge + ": then waits for " + taken);
        StringBuilder chain = new StringBuilder(edge).append(": holding ").append(held).append(" (taken at ")
                .append(nesting.heldAt()).append("), waits for ").append(taken).append(" at ");
        for (Events.Call call : nesting.holderPath()) {
            chain.append(call.site()).append(" → ");
        }
        chain.append(nesting.takenAt());
        if (nesting.holderDepth() > 0) {
            chain.append("; the locks are named as in ");
            for (Events.Call call : nesting.path().subList(0, nesting.holderDepth())) {
                chain.append(call.site()).append(" → ");
            }
            chain.append(nesting.heldAt().method());
        }
        if (throughLibrary(nesting, model)) {
            chain.append("; part of it is library code, followed at most ").append(ProgramModel.MAX_LIBRARY_DEPTH)
                    .append(" library calls deep");
        }
        bug.addString(chain.toString());
    }

    /** Whether the nesting's lock is taken, or its calls made, in library code the analysis summarised. */
    private static boolean throughLibrary(Nesting nesting, ProgramModel model) {
        return model.isLibrary(nesting.takenAt().method())
                || nesting.path().stream().anyMatch(call -> model.isLibrary(call.site().method()));
    }

    private static boolean deep(Nesting nesting) {
        return nesting.path().size() > ProgramModel.CONFIDENT_CALLS;
    }

    /** One nesting per method and pair of locks: the first by place (javac copies finally blocks, loops repeat). */
    private static List<Nesting> firstPerMethodAndLocks(List<Nesting> nestings) {
        List<Nesting> sorted = new ArrayList<>(nestings);
        sorted.sort(BY_PLACE);
        Map<List<Object>, Nesting> first = new LinkedHashMap<>();
        for (Nesting nesting : sorted) {
            first.putIfAbsent(List.of(nesting.origin(), nesting.held(), nesting.taken()), nesting);
        }
        return List.copyOf(first.values());
    }
}
