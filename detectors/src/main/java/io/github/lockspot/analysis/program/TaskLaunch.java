package io.github.lockspot.analysis.program;

import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.List;

/**
 * One place that starts a task body on another thread: a launch call ({@code executor.submit(() -> ...)},
 * {@code pool.execute(new Job(stats))}), a parallel stream operation, or the allocation of a {@code Thread} subclass.
 * {@code task} is what is launched: a {@link ValuePath.Lambda} or the task object. {@code captured} are the values the
 * task got where it was made: a lambda's captured values (see {@link ValuePath.Lambda#captured()}), a task object's
 * constructor arguments; empty when unknown. {@code repeated} says the launch may start several copies that run at
 * once: it sits in a loop, or is a parallel stream.
 */
public record TaskLaunch(Site site, ValuePath task, List<ValuePath> captured, boolean repeated) {

    public boolean isLambda() {
        return task instanceof ValuePath.Lambda;
    }

    /**
     * The class of the launched object (for a lambda, the class its body is in): a task body inherited by several
     * classes runs different code for each.
     */
    public String taskType() {
        return task instanceof ValuePath.Lambda lambda ? lambda.impl().owner() : task.type();
    }
}
