package io.github.lockspot.analysis;

import java.util.List;

/**
 * One place that starts a task body on another thread: a launch call ({@code executor.submit(() -> ...)}), a parallel
 * stream operation, or the allocation of a task object ({@code new Worker()} of a {@code Runnable} or {@code Thread}
 * subclass). {@code captured} are the values a launched lambda captured (see {@link ValuePath.Lambda#captured()});
 * empty for task objects. {@code repeated} says the launch may start several copies that run at once: it sits in a
 * loop, or is a parallel stream.
 */
public record TaskLaunch(Site site, List<ValuePath> captured, boolean repeated) {
}
