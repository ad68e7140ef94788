package io.github.lockspot.rmw;

import io.github.lockspot.analysis.Events;
import io.github.lockspot.analysis.MethodRef;
import io.github.lockspot.analysis.MethodSummary;
import io.github.lockspot.analysis.ProgramModel;
import io.github.lockspot.analysis.Reach;
import io.github.lockspot.analysis.TaskLaunch;
import io.github.lockspot.analysis.ValuePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which field writes run on several threads at once. A write in a task body (or code it calls) counts once per launch
 * of the task, twice for a launch that can start many copies (in a loop, a parallel stream), and not at all when the
 * written object belongs to one task: the task object's own fields, objects made inside the task, or made afresh for
 * each launch. Writes outside any task count once more (the launching thread, other callers). A field with two or more
 * such writers is shared.
 */
final class ThreadSharing {

    /** An update runs in {@code task}, launched at {@code launch}, which runs {@code copies} copies (2 = many). */
    record Evidence(MethodRef task, TaskLaunch launch, int copies) {
    }

    /** A method reached from a task body through {@code chain}. */
    private record TaskReach(MethodRef task, List<Events.Call> chain) {
    }

    private final ProgramModel model;
    private final FieldUses uses;
    private final Map<MethodRef, List<TaskReach>> tasksReaching = new HashMap<>();
    private final Map<FieldUses.Field, Integer> writers = new HashMap<>();

    ThreadSharing(ProgramModel model, FieldUses uses) {
        this.model = model;
        this.uses = uses;
        for (MethodRef task : model.threadEntryPoints().keySet()) {
            for (Reach<MethodRef> reached : model.reachable(task, "methods", summary -> List.of(summary.method()))) {
                tasksReaching.computeIfAbsent(reached.event(), k -> new ArrayList<>())
                        .add(new TaskReach(task, reached.chain()));
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
            if (evidence != null && (best == null || evidence.copies() > best.copies())) {
                best = evidence;
            }
        }
        return best != null && writers(use.field()) >= 2 ? best : null;
    }

    private int writers(FieldUses.Field field) {
        return writers.computeIfAbsent(field, this::countWriters);
    }

    private int countWriters(FieldUses.Field field) {
        Map<MethodRef, Integer> perTask = new HashMap<>();
        int outsideTasks = 0;
        for (FieldUses.Use use : uses.shared(field)) {
            if (!use.access().write()) {
                continue;
            }
            List<TaskReach> reaches = tasksReaching.getOrDefault(use.method().method(), List.of());
            if (reaches.isEmpty()) {
                outsideTasks = 1;
            }
            for (TaskReach reach : reaches) {
                Evidence evidence = evidence(reach, use);
                if (evidence != null) {
                    perTask.merge(reach.task(), evidence.copies(), Math::max);
                }
            }
        }
        return outsideTasks + perTask.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How many copies of the task write the same object as {@code use}; null if each writes its own. */
    private Evidence evidence(TaskReach reach, FieldUses.Use use) {
        List<TaskLaunch> launches = model.taskLaunches().getOrDefault(reach.task(), List.of());
        MethodSummary task = model.method(reach.task());
        ValuePath base = use.access().isStatic() ? null : ProgramModel.inCallerTerms(use.access().base(), reach.chain());
        if (task == null || !use.access().isStatic() && base == null) {
            return null;
        }
        boolean lambda = launches.stream().anyMatch(launch -> !launch.captured().isEmpty());
        ValuePath root = ObjectPaths.root(base);
        int capture;
        if (base == null || ObjectPaths.global(base)) {
            capture = -1;
        } else if (root instanceof ValuePath.This && !lambda) {
            // A task object's own fields are its own; objects reached through them were handed to it.
            if (base instanceof ValuePath.This) {
                return null;
            }
            capture = -1;
        } else if (root instanceof ValuePath.This) {
            capture = 0;
        } else if (root instanceof ValuePath.Param param) {
            capture = param.index() + (task.isStatic() ? 0 : 1);
        } else {
            return null;
        }
        return count(reach.task(), launches, capture);
    }

    /**
     * Adds up the launches that share the object: all of them for a global or handed object ({@code capture} -1),
     * else those whose captured value number {@code capture} is not made afresh for each launch.
     */
    private Evidence count(MethodRef task, List<TaskLaunch> launches, int capture) {
        if (launches.isEmpty()) {
            return capture < 0 ? new Evidence(task, null, 1) : null;
        }
        int copies = 0;
        TaskLaunch shown = null;
        for (TaskLaunch launch : launches) {
            if (capture >= 0 && !sharedCapture(launch, capture)) {
                continue;
            }
            copies += launch.repeated() ? 2 : 1;
            if (shown == null || launch.repeated() && !shown.repeated()) {
                shown = launch;
            }
        }
        return shown == null ? null : new Evidence(task, shown, Math.min(copies, 2));
    }

    /** A captured object is shared unless it is unknown, or allocated in the same loop that launches the task. */
    private boolean sharedCapture(TaskLaunch launch, int capture) {
        if (capture >= launch.captured().size() || launch.captured().get(capture) == null) {
            return false;
        }
        ValuePath captured = launch.captured().get(capture);
        MethodSummary launcher = model.method(launch.site().method());
        return !(ObjectPaths.root(captured) instanceof ValuePath.NewObject made && launcher != null
                && launcher.inSameLoop(made.site(), launch.site()));
    }
}
