package io.github.lockspot.dlk;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.AnalysisContext;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Site;
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
            reports.report(argumentOrderBug(nesting, order.guessed(nesting), model, reports));
        }
        for (Nesting nesting : firstPerMethodAndLocks(order.selfDeadlocks())) {
            int priority = deep(nesting, model) ? Priorities.NORMAL_PRIORITY : Priorities.HIGH_PRIORITY;
            reports.report(nestingBug(SELF_DEADLOCK, priority, nesting, null, model, reports));
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
     * lock; each edge is a side of the deadlock, with its method and its steps as described source lines. Cycles of
     * locks that are each one field, static or class literal rank higher than those with monitors known only by the
     * class of their object; cycles with an edge that is not confident (a guess about implementations, or through
     * many calls) rank lowest. The message ends with the rule that gave the priority and its evidence. No text names
     * a line, so the report's instance hash survives edits elsewhere.
     */
    private static BugInstance cycleBug(LockOrderGraph.Cycle cycle, ProgramModel model, Reports reports) {
        int priority;
        String rule;
        List<String> merged = cycle.nodes().stream().filter(node -> !LockNodes.isPrecise(node))
                .map(LockNodes::label).toList();
        List<String> uncalled = uncalledSides(cycle);
        if (!cycle.confident()) {
            priority = Priorities.LOW_PRIORITY;
            List<String> guesses = unconfidentSides(cycle);
            List<String> why = new ArrayList<>();
            if (!guesses.isEmpty()) {
                why.add("rests on a guess: " + String.join("; ", guesses));
            }
            if (!uncalled.isEmpty()) {
                why.add("never runs: " + String.join("; ", uncalled));
            }
            rule = "LOW, " + String.join("; ", why);
        } else if (merged.isEmpty()) {
            priority = Priorities.HIGH_PRIORITY;
            rule = "HIGH: every lock is one field, static or class literal, and every side is known without a guess";
        } else {
            priority = Priorities.NORMAL_PRIORITY;
            rule = "NORMAL, lock identity merged by type: " + String.join(", ", merged)
                    + " (a monitor known only by its class; the sides may lock different objects of it)";
        }
        BugInstance bug = reports.bugAt(CYCLE, priority, located(cycle, model), model);
        StringBuilder locks = new StringBuilder();
        for (String node : cycle.nodes()) {
            locks.append(LockNodes.label(node)).append(" → ");
        }
        bug.addString(locks.append(LockNodes.label(cycle.nodes().get(0))).toString());
        List<String> sides = new ArrayList<>();
        for (LockOrder.Edge edge : cycle.edges()) {
            sides.add(sideInWords(edge.nesting(), heldLabel(edge), takenLabel(edge), model));
        }
        bug.addString(String.join("; ", sides));
        bug.addString(rule);
        for (int i = 0; i < cycle.edges().size(); i++) {
            LockOrder.Edge edge = cycle.edges().get(i);
            Nesting nesting = edge.nesting();
            // a side held in library code starts where the program calls into it: the method a user opens
            boolean heldInLibrary = model.isLibrary(nesting.heldAt().method());
            addSide(bug, i + 1, heldInLibrary ? nesting.origin() : nesting.heldAt().method(),
                    heldInLibrary ? nesting.path().subList(0, nesting.holderDepth()) : List.of(), heldLabel(edge),
                    takenLabel(edge), nesting, model, reports);
        }
        return bug;
    }

    /**
     * Where a cycle is reported: where the first side whose holder is analysed code takes its second lock or calls
     * towards it. A holder in library code (a sibling module's {@code synchronized} method calling back into the
     * program) is no place for a report, which SpotBugs keeps only on analysed classes; when every holder is library
     * code, the first side's call into it.
     */
    private static Site located(LockOrderGraph.Cycle cycle, ProgramModel model) {
        for (LockOrder.Edge edge : cycle.edges()) {
            if (!model.isLibrary(edge.nesting().heldAt().method())) {
                return edge.nesting().nestingPoint();
            }
        }
        return cycle.edges().get(0).nesting().originPoint();
    }

    /** The sides that start in a private method nothing runs, in words. */
    private static List<String> uncalledSides(LockOrderGraph.Cycle cycle) {
        List<String> why = new ArrayList<>();
        for (int i = 0; i < cycle.edges().size(); i++) {
            LockOrder.Edge edge = cycle.edges().get(i);
            if (edge.uncalled()) {
                why.add("side " + (i + 1) + " starts in " + edge.nesting().origin()
                        + ", a private method no analysed code calls");
            }
        }
        return why;
    }

    /** Why each side that is not confident is not: an assumed implementation, or a nesting through many calls. */
    private static List<String> unconfidentSides(LockOrderGraph.Cycle cycle) {
        List<String> why = new ArrayList<>();
        for (int i = 0; i < cycle.edges().size(); i++) {
            LockOrder.Edge edge = cycle.edges().get(i);
            if (edge.guessed()) {
                why.add("side " + (i + 1) + " " + edge.guess());
            } else if (!edge.uncalled() && !edge.confident()) {
                why.add("side " + (i + 1) + " takes its second lock " + edge.programCalls()
                        + " calls deep, more than " + ProgramModel.CONFIDENT_CALLS);
            }
        }
        return why;
    }

    private static String heldLabel(LockOrder.Edge edge) {
        return LockNodes.label(edge.from(), edge.nesting().held().kind());
    }

    private static String takenLabel(LockOrder.Edge edge) {
        return LockNodes.label(edge.to(), edge.nesting().taken().kind());
    }

    /**
     * An argument-order report: NORMAL, or LOW when the second lock is taken only if a call on the way runs one of
     * several implementations (the wrapped object is the wrapper's own class), or through many calls; the message ends
     * with the rule.
     */
    private static BugInstance argumentOrderBug(Nesting nesting, String guess, ProgramModel model, Reports reports) {
        int calls = model.programCalls(nesting.path());
        String rule = guess != null ? "LOW, rests on a guess: " + guess
                : deep(nesting, model) ? "LOW, takes its second lock " + calls + " calls deep, more than "
                        + ProgramModel.CONFIDENT_CALLS
                : "NORMAL: both locks are the parameters' own, taken without a guess about implementations";
        int priority = rule.startsWith("LOW") ? Priorities.LOW_PRIORITY : Priorities.NORMAL_PRIORITY;
        return nestingBug(ARGUMENT_ORDER, priority, nesting, rule, model, reports);
    }

    /** A report about one nesting, located where its method takes the second lock or calls towards it. */
    private static BugInstance nestingBug(String type, int priority, Nesting nesting, String rule, ProgramModel model,
            Reports reports) {
        BugInstance bug = reports.bugAt(type, priority, nesting.originPoint(), model);
        String taken = nesting.taken().display();
        String held = nesting.held().display();
        bug.addString(taken).addString(held);
        if (rule != null) {
            bug.addString(rule);
        }
        addSide(bug, 1, nesting.origin(), nesting.path().subList(0, nesting.holderDepth()), held, taken, nesting,
                model, reports);
        return bug;
    }

    /**
     * One side in words, e.g. "Bank.audit() holds Bank.lockB and calls Bank.check(), which takes Bank.lockA", or
     * for a lock held in library code "Trail.record() calls Bus.publish(), which holds Trail.bus and calls ...": the
     * methods and locks only, no lines.
     */
    private static String sideInWords(Nesting nesting, String held, String taken, ProgramModel model) {
        StringBuilder words = new StringBuilder();
        if (model.isLibrary(nesting.heldAt().method())) {
            words.append(nesting.origin()).append(" calls ").append(nesting.heldAt().method()).append(", which");
        } else {
            words.append(nesting.heldAt().method());
        }
        words.append(" holds ").append(held);
        if (nesting.holderPath().isEmpty()) {
            words.append(" and takes ").append(taken);
        } else {
            words.append(" and calls ");
            for (Events.Call call : nesting.holderPath()) {
                words.append(call.target()).append(" → ");
            }
            words.setLength(words.length() - " → ".length());
            words.append(", which takes ").append(taken);
        }
        if (throughLibrary(nesting, model)) {
            words.append(" (partly in library code, followed at most ").append(ProgramModel.MAX_LIBRARY_DEPTH)
                    .append(" library calls deep)");
        }
        return words.toString();
    }

    /**
     * Adds side {@code number}: its method, then as steps the calls {@code before} that reach the holder, where the
     * holder takes the first lock, its calls towards the second and where the second is taken.
     */
    private static void addSide(BugInstance bug, int number, MethodRef method, List<Events.Call> before,
            String held, String taken, Nesting nesting, ProgramModel model, Reports reports) {
        Reports.Side side = reports.side(bug, number, method, model);
        for (Events.Call call : before) {
            side.call(call.site(), call.target());
        }
        side.step(nesting.heldAt(), "holds " + held);
        for (Events.Call call : nesting.holderPath()) {
            side.call(call.site(), call.target());
        }
        side.step(nesting.takenAt(), "takes " + taken);
    }

    /** Whether the nesting's lock is taken, or its calls made, in library code the analysis summarised. */
    private static boolean throughLibrary(Nesting nesting, ProgramModel model) {
        return model.isLibrary(nesting.takenAt().method())
                || nesting.path().stream().anyMatch(call -> model.isLibrary(call.site().method()));
    }

    private static boolean deep(Nesting nesting, ProgramModel model) {
        return model.programCalls(nesting.path()) > ProgramModel.CONFIDENT_CALLS;
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
