package io.github.lockspot.rmw;

import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.program.Reach;
import io.github.lockspot.analysis.program.TaskLaunch;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which field writes run unlocked on several threads at once. A write in a task body (or code it calls) counts once
 * per launch of the task, twice for a launch that can start many copies (in a loop, a parallel stream), and not at all
 * when it holds a lock (in its method or at some call on the way from the task) or when the written object belongs to
 * one task: the task object's own fields, objects made inside the task or made afresh for each launch, thread-locals.
 * A field with two or more such writers is shared. Writes outside tasks do not count: what thread runs them, and under
 * which caller's lock, is unknown.
 */
final class ThreadSharing {

    /**
     * An update runs in {@code task}, launched at {@code launch}, which runs {@code copies} copies (2 = many);
     * {@code byLauncher} when the method that launched it also updates the task object's field while it runs;
     * {@code guess}, if not null, which implementation the way from the task to the update assumes.
     */
    record Evidence(MethodRef task, TaskLaunch launch, int copies, boolean byLauncher, String guess) {
        Evidence(MethodRef task, TaskLaunch launch, int copies, boolean byLauncher) {
            this(task, launch, copies, byLauncher, null);
        }

        Evidence assuming(String implementation) {
            return new Evidence(task, launch, copies, byLauncher, implementation);
        }

        /** Evidence without a guess beats evidence with one; then more copies beat fewer. */
        boolean strongerThan(Evidence other) {
            if ((guess == null) != (other.guess == null)) {
                return guess == null;
            }
            return copies > other.copies;
        }
    }

    /** A method reached from a task body through {@code chain}; {@code locked} if a call on the way holds a lock. */
    private record TaskReach(MethodRef task, List<Events.Call> chain, boolean locked) {
    }

    /**
     * Which value a task got at launch is the written object: {@code index} into {@link TaskLaunch#captured()}, or
     * {@link #EVERY_LAUNCH} for a global that every launch shares. A constructor argument only means that for launches
     * of the class whose constructor it is ({@code ofType}; null for lambdas).
     */
    private record Capture(int index, String ofType) {
        static final Capture GLOBAL = new Capture(EVERY_LAUNCH, null);
        static final Capture TASK_ITSELF = new Capture(THE_TASK, null);

        boolean appliesTo(TaskLaunch launch) {
            return ofType == null || ofType.equals(launch.taskType());
        }
    }

    private static final int EVERY_LAUNCH = -1;
    private static final int THE_TASK = -2;
    /** Waits after which the launcher's writes no longer race with the task it waited for. */
    private static final Set<String> WAITS = Set.of("join", "get", "awaitTermination", "invokeAll");

    private final ProgramModel model;
    private final FieldUses uses;
    private final Map<MethodRef, List<TaskReach>> tasksReaching = new HashMap<>();
    private final Map<FieldUses.Field, Integer> writers = new HashMap<>();

    ThreadSharing(ProgramModel model, FieldUses uses) {
        this.model = model;
        this.uses = uses;
        for (MethodRef task : model.threadEntryPoints().keySet()) {
            for (Reach<MethodRef> reached : model.reachable(task, "methods", summary -> List.of(summary.method()))) {
                if (model.speculative(reached.chain(), reached.event())) {
                    continue; // a guess of which Runnable.run() runs would make every task run everything
                }
                boolean locked = Atomicity.exclusive(ProgramModel.heldAlong(reached.chain()));
                tasksReaching.computeIfAbsent(reached.event(), k -> new ArrayList<>())
                        .add(new TaskReach(task, reached.chain(), locked));
            }
        }
    }

    /**
     * The evidence that the update {@code use} (a write) runs in several threads at once with other writes of its
     * field; null if it does not.
     */
    Evidence sharedUpdate(FieldUses.Use use) {
        Evidence best = null;
        for (TaskReach reach : tasksReaching.getOrDefault(use.method().method(), List.of())) {
            Evidence evidence = evidence(reach, use);
            if (evidence != null && (best == null || evidence.strongerThan(best))) {
                best = evidence;
            }
        }
        return best != null && writers(use.field()) >= 2 ? best : null;
    }

    /**
     * The one thread entry point that makes every write of {@code field}, when the code shows that one thread runs
     * them all: each write is in that entry or in methods only it calls, and it runs on one thread, being the
     * {@code run()}/{@code call()} of a task class writing the task object's own fields (a task object is its own
     * thread's, as for {@link #sharedUpdate}), or a body launched once, outside loops, by the constructor (for the
     * object's fields) or class initialiser (for a static field) that made it, or the {@code run()} of a
     * {@code Thread} subclass whose every allocation is outside loops (the owning worker thread). Null otherwise.
     */
    MethodRef singleWriter(FieldUses.Field field) {
        Map<MethodRef, Boolean> ownObjectAt = new HashMap<>();
        for (FieldUses.Use use : uses.shared(field)) {
            if (use.access().write() && !onlyReachedFrom(use.method().method(),
                    use.access().isStatic() ? null : use.access().base(), ownObjectAt, new HashSet<>())) {
                return null;
            }
        }
        if (ownObjectAt.size() != 1) {
            return null;
        }
        Map.Entry<MethodRef, Boolean> writer = ownObjectAt.entrySet().iterator().next();
        return runsOnOneThread(writer.getKey(), field, writer.getValue()) ? writer.getKey() : null;
    }

    /**
     * Records in {@code ownObjectAt} the thread entry points from which analysed code reaches {@code method}, each
     * with whether the written object {@code base} (in {@code method}'s terms; null for a static field) is, in all the
     * entry's calls so far, its own {@code this}; false if code that is no thread's entry point may call it. An entry
     * point's callers count only where they name it exactly.
     */
    private boolean onlyReachedFrom(MethodRef method, ValuePath base, Map<MethodRef, Boolean> ownObjectAt,
            Set<MethodRef> visiting) {
        boolean entry = model.threadEntryPoints().containsKey(method);
        List<ProgramModel.CallEdge> callers = new ArrayList<>();
        for (ProgramModel.CallEdge edge : model.callersOf(method)) {
            // A Runnable.run() call that the call graph resolved to every analysed task is a guess, not a caller.
            if (!entry || model.resolvesExactly(edge.call(), method)) {
                callers.add(edge);
            }
        }
        if (callers.isEmpty()) {
            if (!entry) {
                return false;
            }
            ownObjectAt.merge(method, base instanceof ValuePath.This, Boolean::logicalAnd);
            return true;
        }
        if (!visiting.add(method)) {
            return true;
        }
        for (ProgramModel.CallEdge edge : callers) {
            ValuePath inCaller = base == null ? null : ProgramModel.inCallerTerms(base, List.of(edge.call()));
            if (base != null && inCaller == null
                    || !onlyReachedFrom(edge.caller().method(), inCaller, ownObjectAt, visiting)) {
                return false;
            }
        }
        return true;
    }

    private boolean runsOnOneThread(MethodRef entry, FieldUses.Field field, boolean ownObject) {
        boolean taskBody = (entry.name().equals("run") || entry.name().equals("call"))
                && model.isSubtype(entry.owner(), field.owner().name());
        if (ownObject && taskBody) {
            return true;
        }
        List<TaskLaunch> launches = model.taskLaunches().getOrDefault(entry, List.of());
        // A Thread subclass's run() runs once per thread object; made outside loops, it is guessed to be one thread.
        if (entry.name().equals("run") && model.isSubtype(entry.owner(), "java/lang/Thread") && !launches.isEmpty()
                && launches.stream().noneMatch(TaskLaunch::repeated)) {
            return true;
        }
        String maker = field.info().isStatic() ? "<clinit>" : "<init>";
        return launches.size() == 1 && !launches.get(0).repeated()
                && launches.get(0).site().method().name().equals(maker)
                && launches.get(0).site().method().owner().equals(field.owner().name());
    }

    private int writers(FieldUses.Field field) {
        return writers.computeIfAbsent(field, this::countWriters);
    }

    private int countWriters(FieldUses.Field field) {
        Map<MethodRef, Integer> perTask = new HashMap<>();
        for (FieldUses.Use use : uses.shared(field)) {
            if (use.access().write()) {
                for (TaskReach reach : tasksReaching.getOrDefault(use.method().method(), List.of())) {
                    Evidence evidence = evidence(reach, use);
                    if (evidence != null) {
                        perTask.merge(reach.task(), evidence.copies() + (evidence.byLauncher() ? 1 : 0), Math::max);
                    }
                }
            }
        }
        return perTask.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * How many copies of the task write the same object as {@code use} without a lock; null if none does: the write
     * is locked on this way from the task, or each copy writes its own object.
     */
    private Evidence evidence(TaskReach reach, FieldUses.Use use) {
        MethodSummary task = model.method(reach.task());
        if (task == null || reach.locked() || Atomicity.exclusive(use.locks())) {
            return null;
        }
        ValuePath base = null;
        if (!use.access().isStatic()) {
            base = ProgramModel.inCallerTerms(use.access().base(), reach.chain());
            if (base == null) {
                return null;
            }
        }
        List<TaskLaunch> launches = model.taskLaunches().getOrDefault(reach.task(), List.of());
        Capture capture = capturedAs(task, launches, base);
        Evidence evidence = capture == null ? null : capture == Capture.TASK_ITSELF
                ? launchedInstance(reach.task(), launches, use.field()) : count(reach.task(), launches, capture);
        if (evidence == null) {
            return null;
        }
        // asked only for an update that is evidence: most reaches of a task are of methods that update nothing shared
        List<ProgramModel.Assumption> assumed = model.assumptionsAlong(reach.chain(), use.method().method());
        return assumed.isEmpty() ? evidence : evidence.assuming(assumed.get(0).assumed() + ", one of "
                + assumed.get(0).implementations().size() + " implementations");
    }

    /**
     * Which value the task got at its launch is the written object {@code base} (in the task body's terms; null for a
     * static field); null when the object is the task's own.
     */
    private Capture capturedAs(MethodSummary task, List<TaskLaunch> launches, ValuePath base) {
        if (base == null || ObjectPaths.global(base)) {
            return ObjectPaths.threadConfined(base, model) ? null : Capture.GLOBAL;
        }
        boolean lambda = !launches.isEmpty() && launches.stream().allMatch(TaskLaunch::isLambda);
        ValuePath root = ValuePath.rootOf(base);
        if (root instanceof ValuePath.This) {
            // A lambda's receiver is its first captured value; a task object's own fields are its own unless the one
            // object is launched more than once, and objects in them are shared only when its constructor was handed
            // them.
            return lambda ? new Capture(0, null)
                    : base instanceof ValuePath.This ? Capture.TASK_ITSELF : constructorArgumentIn(base);
        }
        if (root instanceof ValuePath.Param param && lambda) {
            return new Capture(param.index() + (task.isStatic() ? 0 : 1), null);
        }
        return null;
    }

    /**
     * For an object reached from a task object's field ({@code this.stats...}): which argument of which constructor
     * was stored into that field, {@link Capture#GLOBAL} if a global was, null if the task made the object itself (or
     * it is set elsewhere).
     */
    private Capture constructorArgumentIn(ValuePath base) {
        ValuePath at = base;
        ValuePath.InstanceField first = null;
        while (at instanceof ValuePath.InstanceField field) {
            first = field;
            at = field.base();
        }
        FieldUses.Field field = first != null && at instanceof ValuePath.This ? uses.declaration(first) : null;
        if (field == null) {
            return null;
        }
        for (FieldUses.Use use : uses.of(field)) {
            ValuePath stored = use.access().written();
            if (use.access().write() && use.construction() && stored != null) {
                if (ValuePath.rootOf(stored) instanceof ValuePath.Param param) {
                    return new Capture(param.index(), use.method().method().owner());
                }
                if (ObjectPaths.global(stored)) {
                    return Capture.GLOBAL;
                }
            }
        }
        return null;
    }

    /**
     * Adds up the launches that share the object: all of them for a global, else those whose captured value is not
     * made afresh for each launch. Launches of different task classes that inherit one body run different code, so
     * only launches of the same class add up.
     */
    private Evidence count(MethodRef task, List<TaskLaunch> launches, Capture capture) {
        if (launches.isEmpty()) {
            return capture == Capture.GLOBAL ? new Evidence(task, null, 1, false) : null;
        }
        Map<String, Integer> copiesByType = new LinkedHashMap<>();
        Map<String, TaskLaunch> shownByType = new HashMap<>();
        for (TaskLaunch launch : launches) {
            if (capture != Capture.GLOBAL && !(capture.appliesTo(launch) && sharedCapture(launch, capture.index()))) {
                continue;
            }
            copiesByType.merge(launch.taskType(), launch.repeated() ? 2 : 1, Integer::sum);
            TaskLaunch shown = shownByType.get(launch.taskType());
            if (shown == null || launch.repeated() && !shown.repeated()) {
                shownByType.put(launch.taskType(), launch);
            }
        }
        String most = null;
        for (Map.Entry<String, Integer> entry : copiesByType.entrySet()) {
            if (most == null || entry.getValue() > copiesByType.get(most)) {
                most = entry.getKey();
            }
        }
        return most == null ? null
                : new Evidence(task, shownByType.get(most), Math.min(copiesByType.get(most), 2), false);
    }

    /**
     * For a write of the task object's own field: the launches that start one and the same object, which then runs
     * on several threads at once: two launches of it in one method (not on the two sides of one test), or of one
     * global, or one launch in a loop of an object made outside that loop. One launch counts when the method that
     * made it updates the field of the launched object afterwards without first waiting for it. Null otherwise.
     */
    private Evidence launchedInstance(MethodRef task, List<TaskLaunch> launches, FieldUses.Field field) {
        Map<String, List<TaskLaunch>> byInstance = new LinkedHashMap<>();
        for (TaskLaunch launch : launches) {
            ValuePath instance = launch.task();
            ValuePath root = ValuePath.rootOf(instance);
            if (root instanceof ValuePath.NewObject || root instanceof ValuePath.This
                    || root instanceof ValuePath.Param || ObjectPaths.global(instance)) {
                String where = ObjectPaths.global(instance) ? "" : launch.site().method() + " ";
                byInstance.computeIfAbsent(where + instance, k -> new ArrayList<>()).add(launch);
            }
        }
        Evidence best = null;
        for (List<TaskLaunch> same : byInstance.values()) {
            TaskLaunch shown = same.get(0);
            int copies = 0;
            for (TaskLaunch launch : same) {
                boolean alternative = launch != shown && onOtherSides(launch, shown);
                copies += alternative ? 0 : launch.repeated() && !madeForEachLaunch(launch, launch.task()) ? 2 : 1;
                if (launch.repeated() && !shown.repeated()) {
                    shown = launch;
                }
            }
            Evidence evidence = copies >= 2 ? new Evidence(task, shown, 2, false)
                    : launcherUpdates(shown, field) ? new Evidence(task, shown, 1, true) : null;
            if (evidence != null && (best == null || evidence.strongerThan(best))) {
                best = evidence;
            }
        }
        return best;
    }

    /** Whether two launches in one method sit on the two sides of one test, so that one run makes only one. */
    private boolean onOtherSides(TaskLaunch a, TaskLaunch b) {
        MethodSummary method = model.method(a.site().method());
        if (method == null || !a.site().method().equals(b.site().method())) {
            return false;
        }
        for (Events.Branch first : method.guardsOf(a.site())) {
            for (Events.Branch second : method.guardsOf(b.site())) {
                if (first.site().equals(second.site()) && first.from() != second.from()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the method that made {@code launch} writes {@code field} of the launched object after the task starts
     * (the launch call, or the first {@code start()} after a thread's constructor) and before any wait ({@code join},
     * a future's {@code get}), directly or through one call on the object.
     */
    private boolean launcherUpdates(TaskLaunch launch, FieldUses.Field field) {
        MethodSummary launcher = model.method(launch.site().method());
        if (launcher == null) {
            return false;
        }
        // A thread made at the launch runs from its start(); an executor runs the task from the launch call on.
        boolean made = launcher.calls().stream().anyMatch(call ->
                call.site().equals(launch.site()) && call.target().name().equals("<init>"));
        int started = made ? Integer.MAX_VALUE : launch.site().insn();
        int waited = Integer.MAX_VALUE;
        for (Events.Call call : launcher.calls()) {
            int at = call.site().insn();
            if (at > launch.site().insn() && call.target().name().equals("start")) {
                started = Math.min(started, at);
            }
            if (at > launch.site().insn() && WAITS.contains(call.target().name())) {
                waited = Math.min(waited, at);
            }
        }
        // All uses, not only shared ones: the launched object is one the launcher made, and escaped to the task.
        for (FieldUses.Use use : uses.of(field)) {
            Events.FieldAccess write = use.access();
            if (!write.write()) {
                continue;
            }
            if (use.method() == launcher) {
                if (launch.task().equals(write.base()) && racesWithTask(write.site().insn(), started, waited)) {
                    return true;
                }
            } else if (write.base() instanceof ValuePath.This) {
                for (ProgramModel.CallEdge edge : model.callersOf(use.method().method())) {
                    if (edge.caller() == launcher && launch.task().equals(edge.call().receiver())
                            && racesWithTask(edge.call().site().insn(), started, waited)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean racesWithTask(int insn, int started, int waited) {
        return insn > started && insn < waited;
    }

    /** A captured object is shared unless it is unknown, or allocated in the same loop that launches the task. */
    private boolean sharedCapture(TaskLaunch launch, int capture) {
        if (capture >= launch.captured().size() || launch.captured().get(capture) == null) {
            return false;
        }
        return !madeForEachLaunch(launch, launch.captured().get(capture));
    }

    /** Whether {@code value} is allocated in the same loop that makes {@code launch}: a new one for each launch. */
    private boolean madeForEachLaunch(TaskLaunch launch, ValuePath value) {
        MethodSummary launcher = model.method(launch.site().method());
        return ValuePath.rootOf(value) instanceof ValuePath.NewObject made && launcher != null
                && launcher.inSameLoop(made.site(), launch.site());
    }
}
