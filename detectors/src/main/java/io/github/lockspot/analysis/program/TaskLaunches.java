package io.github.lockspot.analysis.program;

import io.github.lockspot.analysis.api.TaskApi;
import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Finds every {@link TaskLaunch} of every thread entry point of a program. */
final class TaskLaunches {

    private static final String BASE_STREAM = "java/util/stream/BaseStream";
    private static final String THREAD = "java/lang/Thread";

    private TaskLaunches() {
    }

    /**
     * The launches of each task body: its lambda launches, parallel stream uses, task objects handed to a thread or
     * executor, and allocations of {@code Thread} subclasses.
     */
    static Map<MethodRef, List<TaskLaunch>> of(ProgramModel model, TypeHierarchy hierarchy) {
        Map<MethodRef, List<TaskLaunch>> launches = new TreeMap<>();
        for (MethodSummary method : model.allMethods()) {
            for (Events.Call call : method.calls()) {
                boolean parallel = isParallelStreamCall(method, call, hierarchy);
                boolean async = TaskApi.kindOf(call.target(), hierarchy) == TaskApi.Kind.ASYNC;
                boolean repeated = parallel || method.inLoop(call.site());
                if (parallel || async) {
                    for (ValuePath.Lambda lambda : lambdasIn(call, model)) {
                        add(launches, lambda.impl(), new TaskLaunch(call.site(), lambda, lambda.captured(), repeated));
                    }
                }
                if (async) {
                    for (ValuePath arg : call.args()) {
                        MethodSummary body = arg == null ? null : taskBody(arg.type(), model);
                        if (body != null && !hierarchy.isSubtype(arg.type(), THREAD)) {
                            add(launches, body.method(), new TaskLaunch(call.site(), arg, constructorArgs(method, arg),
                                    repeated));
                        }
                    }
                }
                if (isAllocation(call) && hierarchy.isSubtype(call.target().owner(), THREAD)) {
                    MethodSummary body = taskBody(call.target().owner(), model);
                    if (body != null) {
                        add(launches, body.method(), new TaskLaunch(call.site(), call.receiver(), call.args(),
                                method.inLoop(call.site())));
                    }
                }
            }
        }
        return launches;
    }

    private static void add(Map<MethodRef, List<TaskLaunch>> launches, MethodRef task, TaskLaunch launch) {
        launches.computeIfAbsent(task, k -> new ArrayList<>()).add(launch);
    }

    private static boolean isAllocation(Events.Call call) {
        return call.target().name().equals("<init>") && call.receiver() instanceof ValuePath.NewObject;
    }

    /** For a task object made in {@code method} ({@code new Job(stats)}): the arguments of its constructor call. */
    private static List<ValuePath> constructorArgs(MethodSummary method, ValuePath task) {
        if (task instanceof ValuePath.NewObject) {
            for (Events.Call call : method.calls()) {
                if (isAllocation(call) && call.receiver().equals(task)) {
                    return call.args();
                }
            }
        }
        return List.of();
    }

    /** The analysed lambda bodies passed to {@code call}. */
    static List<ValuePath.Lambda> lambdasIn(Events.Call call, ProgramModel model) {
        List<ValuePath.Lambda> lambdas = new ArrayList<>();
        for (ValuePath arg : call.args()) {
            if (arg instanceof ValuePath.Lambda lambda && model.method(lambda.impl()) != null) {
                lambdas.add(lambda);
            }
        }
        return lambdas;
    }

    /**
     * Whether {@code call} is a stream operation in a method that made a parallel stream before it
     * ({@code parallel()}, {@code parallelStream()}): its lambdas run on several pool threads at once.
     */
    static boolean isParallelStreamCall(MethodSummary method, Events.Call call, TypeHierarchy hierarchy) {
        if (call.args().isEmpty() || !hierarchy.isSubtype(call.target().owner(), BASE_STREAM)) {
            return false;
        }
        for (Events.Call earlier : method.calls()) {
            if (earlier.site().insn() >= call.site().insn()) {
                break;
            }
            String name = earlier.target().name();
            if (name.equals("parallel") && hierarchy.isSubtype(earlier.target().owner(), BASE_STREAM)
                    || name.equals("parallelStream") && hierarchy.isSubtype(earlier.target().owner(),
                            "java/util/Collection")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The task body an object of analysed class {@code type} runs ({@code run()}, or {@code call()} of a
     * {@code Callable}), declared or inherited; null if none is analysed.
     */
    private static MethodSummary taskBody(String type, ProgramModel model) {
        for (String at = type; at != null; ) {
            ClassSummary summary = model.classNamed(at);
            if (summary == null) {
                return null;
            }
            for (MethodSummary candidate : summary.methods()) {
                if (model.isTaskMethod(type, candidate.method())) {
                    return candidate;
                }
            }
            at = summary.superName();
        }
        return null;
    }
}
