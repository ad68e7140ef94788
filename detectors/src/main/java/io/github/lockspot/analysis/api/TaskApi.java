package io.github.lockspot.analysis.api;

import io.github.lockspot.analysis.value.MethodRef;
import java.util.List;

/**
 * Calls that hand code to something else to run: later on another thread (a {@link Kind#ASYNC} launch such as
 * {@code new Thread(r)}, {@code executor.submit(task)}, {@code CompletableFuture.runAsync(r)}), or now on the calling
 * thread (a {@link Kind#SYNC} callback such as {@code map.computeIfAbsent(k, f)}, which runs with the caller's locks).
 */
public final class TaskApi {

    public enum Kind { ASYNC, SYNC }

    private record Entry(String owner, String name, Kind kind) {
    }

    private static final List<Entry> CATALOG = List.of(
            new Entry("java/lang/Thread", "<init>", Kind.ASYNC),
            new Entry("java/lang/Thread", "startVirtualThread", Kind.ASYNC),
            new Entry("java/lang/Thread$Builder", "start", Kind.ASYNC),
            new Entry("java/lang/Thread$Builder", "unstarted", Kind.ASYNC),
            new Entry("java/util/concurrent/ThreadFactory", "newThread", Kind.ASYNC),
            new Entry("java/util/concurrent/Executor", "execute", Kind.ASYNC),
            new Entry("java/util/concurrent/ExecutorService", "submit", Kind.ASYNC),
            new Entry("java/util/concurrent/ExecutorService", "invokeAll", Kind.ASYNC),
            new Entry("java/util/concurrent/ExecutorService", "invokeAny", Kind.ASYNC),
            new Entry("java/util/concurrent/ScheduledExecutorService", "schedule", Kind.ASYNC),
            new Entry("java/util/concurrent/ScheduledExecutorService", "scheduleAtFixedRate", Kind.ASYNC),
            new Entry("java/util/concurrent/ScheduledExecutorService", "scheduleWithFixedDelay", Kind.ASYNC),
            new Entry("java/util/concurrent/CompletableFuture", "runAsync", Kind.ASYNC),
            new Entry("java/util/concurrent/CompletableFuture", "supplyAsync", Kind.ASYNC),
            new Entry("java/util/concurrent/CompletableFuture", "thenRunAsync", Kind.ASYNC),
            new Entry("java/util/concurrent/CompletableFuture", "thenApplyAsync", Kind.ASYNC),
            new Entry("java/util/concurrent/CompletableFuture", "thenAcceptAsync", Kind.ASYNC),
            new Entry("java/util/concurrent/CompletableFuture", "thenComposeAsync", Kind.ASYNC),
            new Entry("java/util/concurrent/CompletableFuture", "whenCompleteAsync", Kind.ASYNC),
            new Entry("java/util/concurrent/ForkJoinPool", "submit", Kind.ASYNC),
            new Entry("java/util/concurrent/ForkJoinPool", "execute", Kind.ASYNC),
            new Entry("java/util/Timer", "schedule", Kind.ASYNC),
            new Entry("java/util/Timer", "scheduleAtFixedRate", Kind.ASYNC),
            new Entry("java/lang/Iterable", "forEach", Kind.SYNC),
            new Entry("java/util/Map", "forEach", Kind.SYNC),
            new Entry("java/util/Map", "compute", Kind.SYNC),
            new Entry("java/util/Map", "computeIfAbsent", Kind.SYNC),
            new Entry("java/util/Map", "computeIfPresent", Kind.SYNC),
            new Entry("java/util/Map", "merge", Kind.SYNC),
            new Entry("java/util/Map", "replaceAll", Kind.SYNC),
            new Entry("java/util/Collection", "removeIf", Kind.SYNC),
            new Entry("java/util/List", "replaceAll", Kind.SYNC),
            new Entry("java/util/Optional", "ifPresent", Kind.SYNC),
            new Entry("java/util/Optional", "ifPresentOrElse", Kind.SYNC),
            new Entry("java/util/Optional", "map", Kind.SYNC),
            new Entry("java/util/Optional", "flatMap", Kind.SYNC),
            new Entry("java/util/Optional", "filter", Kind.SYNC),
            new Entry("java/util/Optional", "or", Kind.SYNC),
            new Entry("java/util/Optional", "orElseGet", Kind.SYNC),
            new Entry("java/util/Iterator", "forEachRemaining", Kind.SYNC));

    /** Method names in the catalogue: most calls are ruled out by name before any subtype question. */
    private static final java.util.Set<String> NAMES = CATALOG.stream().map(Entry::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private TaskApi() {
    }

    /** How a call runs code handed to it, or null if it is not a known task API. */
    public static Kind kindOf(MethodRef target, Supertypes hierarchy) {
        if (!NAMES.contains(target.name())) {
            return null;
        }
        for (Entry entry : CATALOG) {
            if (entry.name.equals(target.name()) && hierarchy.isSubtype(target.owner(), entry.owner)) {
                return entry.kind;
            }
        }
        return null;
    }
}
