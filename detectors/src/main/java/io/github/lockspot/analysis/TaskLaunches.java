package io.github.lockspot.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Finds every {@link TaskLaunch} of every thread entry point of a program. */
final class TaskLaunches {

    private static final String BASE_STREAM = "java/util/stream/BaseStream";

    private TaskLaunches() {
    }

    /** The launches of each task body: its lambda launches, parallel stream uses and task object allocations. */
    static Map<MethodRef, List<TaskLaunch>> of(ProgramModel model, TypeHierarchy hierarchy) {
        Map<MethodRef, List<TaskLaunch>> launches = new TreeMap<>();
        for (MethodSummary method : model.allMethods()) {
            for (Events.Call call : method.calls()) {
                boolean parallel = isParallelStreamCall(method, call, hierarchy);
                if (parallel || TaskApi.kindOf(call.target(), hierarchy) == TaskApi.Kind.ASYNC) {
                    for (ValuePath.Lambda lambda : lambdasIn(call, model)) {
                        launches.computeIfAbsent(lambda.impl(), k -> new ArrayList<>()).add(
                                new TaskLaunch(call.site(), lambda.captured(), parallel || method.inLoop(call.site())));
                    }
                }
                MethodSummary taskBody = allocatedTaskBody(method, call, model);
                if (taskBody != null) {
                    launches.computeIfAbsent(taskBody.method(), k -> new ArrayList<>())
                            .add(new TaskLaunch(call.site(), List.of(), method.inLoop(call.site())));
                }
            }
        }
        return launches;
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
     * For {@code new C(...)} of an analysed task class, outside C's own constructor chain: the task body that object
     * runs ({@code run()} or {@code call()}, declared or inherited).
     */
    private static MethodSummary allocatedTaskBody(MethodSummary method, Events.Call call, ProgramModel model) {
        if (!call.target().name().equals("<init>") || !(call.receiver() instanceof ValuePath.NewObject)) {
            return null;
        }
        for (String type = call.target().owner(); type != null; ) {
            ClassSummary summary = model.classNamed(type);
            if (summary == null) {
                return null;
            }
            for (MethodSummary candidate : summary.methods()) {
                if (model.isTaskMethod(call.target().owner(), candidate.method())) {
                    return candidate;
                }
            }
            type = summary.superName();
        }
        return null;
    }
}
