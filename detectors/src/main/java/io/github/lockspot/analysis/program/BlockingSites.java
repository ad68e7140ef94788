package io.github.lockspot.analysis.program;

import io.github.lockspot.analysis.api.BlockingCalls;
import io.github.lockspot.analysis.api.BlockingCalls.Category;
import io.github.lockspot.analysis.api.LockApi;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.HeldLocks;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.LockKind;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Origin;
import io.github.lockspot.analysis.value.Paths;
import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What can block in the methods of a program: calls the {@link BlockingCalls} catalogue lists, judged with what the
 * program shows about their receivers (an in-memory stream, a channel in non-blocking mode), plus the blocking the
 * lock model itself sees: waits on monitors and conditions ({@link Events.MonitorUse}) and blocking acquisitions of
 * semaphore permits; and which chains of calls down to them a constant argument rules out.
 */
public final class BlockingSites {

    /**
     * Something in one method that can block: a catalogued call, a blocking acquisition of semaphore permits or a
     * wait. {@code api} names what blocks ({@code BlockingQueue.put(Object)}), {@code releases} is the lock a wait
     * gives up while it waits (null for other blocking, and for a {@link Category#WAIT} on a condition whose lock
     * this method cannot name, e.g. a parameter), {@code held} the locks held there, {@code call} the call event for
     * a catalogued call (else null), {@code timed} whether the call gives up after a timeout it is passed
     * ({@code join(long)}, {@code poll(long, TimeUnit)}, {@code wait(long)}), and every sleep, which ends when its time is
     * up whatever any other thread does.
     */
    public record Blocking(Site site, String api, Category category, LockId releases, HeldLocks held,
            Events.Call call, boolean timed) {
        /** Whether this blocking releases a lock while it waits: {@code wait()} or {@code Condition.await()}. */
        public boolean isWait() {
            return category == Category.WAIT;
        }
    }

    private static final String SELECTABLE_CHANNEL = "java/nio/channels/SelectableChannel";
    private static final String SELECTION_KEY = "java/nio/channels/SelectionKey";
    /** Stands for every channel in {@link #nonBlockingChannels}: the program registers channels with a selector. */
    private static final String ANY_CHANNEL = "*";

    private final BlockingCalls catalog;
    /** For {@link Category#CHANNEL_IO}: the model they were computed on and the channels it makes non-blocking. */
    private ProgramModel channelsOf;
    private Set<String> nonBlockingChannels;
    /** For {@link Category#QUEUE}: the model they were computed on and its fields holding unbounded queues. */
    private ProgramModel queuesOf;
    private Set<String> unboundedQueues;

    public BlockingSites(BlockingCalls catalog) {
        this.catalog = catalog;
    }

    /**
     * How {@code call} blocks, or null if it does not: its catalogue category, unless the receiver's known type never
     * blocks, or it is channel I/O on a channel in non-blocking mode.
     */
    public Category categoryOf(Events.Call call, ProgramModel model) {
        return categoryOf(call, model, Map.of());
    }

    /** As {@link #categoryOf(Events.Call, ProgramModel)}; {@code wrapping} maps objects made here to their makings. */
    private synchronized Category categoryOf(Events.Call call, ProgramModel model,
            Map<ValuePath, List<ValuePath>> wrapping) {
        Category found = catalog.categoryOf(call.target(), model::isSubtype, model::contains);
        if (found != null && isInMemory(call.receiver(), wrapping, model, 0)) {
            return null;
        }
        if (found == Category.FUTURE && isCompletedFuture(call.receiver())
                || found == Category.QUEUE && isUnboundedQueue(call, model)) {
            return null;
        }
        if (found == Category.CHANNEL_IO && isNonBlockingChannel(call.receiver(), model)) {
            return null;
        }
        return found;
    }

    /**
     * Whether {@code value} never blocks: its type never blocks (an in-memory stream), or it was made in this method
     * around such a value ({@code new LineNumberReader(new StringReader(s))}).
     */
    private boolean isInMemory(ValuePath value, Map<ValuePath, List<ValuePath>> wrapping, ProgramModel model,
            int depth) {
        if (value == null || depth > ValuePath.MAX_DEPTH) {
            return false;
        }
        if (catalog.neverBlocks(value.type(), model::isSubtype)) {
            return true;
        }
        for (ValuePath wrapped : wrapping.getOrDefault(value, List.of())) {
            if (isInMemory(wrapped, wrapping, model, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Everything in {@code method} that can block: catalogued calls, blocking acquisitions of semaphore permits, and
     * waits ({@code wait()}, {@code Condition.await()}), each with the locks held there. None in library code: the
     * catalogue says what a library call does, so what blocks inside it is already counted at the program's call.
     */
    public List<Blocking> in(MethodSummary method, ProgramModel model) {
        if (model.isLibrary(method.method())) {
            return List.of(); // the catalogue judges library calls where the program makes them
        }
        Map<ValuePath, List<ValuePath>> wrapping = wrappingIn(method);
        List<Blocking> found = new ArrayList<>();
        Map<Site, Events.Call> callAt = new HashMap<>();
        Events.Call previous = null;
        for (Events.Call call : method.calls()) {
            callAt.put(call.site(), call);
            Category category = categoryOf(call, model, wrapping);
            if (category == Category.FUTURE && (isDoneBefore(call, method) || isCompletedFuture(previous, call))) {
                category = null;
            }
            previous = call;
            if (category != null) {
                found.add(new Blocking(call.site(), apiName(call.target()), category, null, call.held(), call,
                        category == Category.SLEEP || isTimed(call.target())));
            }
        }
        for (Events.Acquisition acquisition : method.acquisitions()) {
            if (acquisition.blocking() && acquisition.lock().kind() == LockKind.SEMAPHORE) {
                found.add(new Blocking(acquisition.site(), "Semaphore.acquire()", Category.SYNCHRONIZER, null,
                        acquisition.before(), null, false));
            }
        }
        for (Events.MonitorUse use : method.monitorUses()) {
            if (use.op() == LockApi.Op.WAIT) {
                String api = use.lock().kind() == LockKind.MONITOR ? "Object.wait()" : "Condition.await()";
                Events.Call waitCall = callAt.get(use.site());
                found.add(new Blocking(use.site(), api, Category.WAIT, use.lock(), use.held(), null,
                        waitCall != null && isTimed(waitCall.target())));
            }
        }
        return found;
    }

    /** The objects {@code method} makes, each with what its constructor was passed (what it may wrap). */
    private static Map<ValuePath, List<ValuePath>> wrappingIn(MethodSummary method) {
        Map<ValuePath, List<ValuePath>> wrapping = new HashMap<>();
        for (Events.Call call : method.calls()) {
            if (call.target().name().equals("<init>") && call.receiver() instanceof ValuePath.NewObject made) {
                wrapping.put(made, call.args());
            }
        }
        return wrapping;
    }

    /**
     * Whether the I/O at the end of {@code chain} is on an in-memory stream that a method along the chain made and
     * passed down ({@code verifyEmpty(new StringReader(s))}, or a stream it made around one): it cannot block there.
     */
    public boolean inMemoryAlong(List<Events.Call> chain, Blocking blocking, ProgramModel model) {
        if (!blocking.category().io() || blocking.call() == null || blocking.call().receiver() == null) {
            return false;
        }
        for (int k = chain.size() - 1; k >= 0; k--) {
            ValuePath inCaller = ProgramModel.inCallerTerms(blocking.call().receiver(), chain.subList(k, chain.size()));
            MethodSummary caller = model.method(chain.get(k).site().method());
            if (caller != null && isInMemory(inCaller, wrappingIn(caller), model, 0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a constant {@code false} or {@code true} argument of a call in {@code chain} rules out the rest of it: the
     * callee reaches the next call of the chain, or {@code blocking}, only where a boolean parameter is the other value
     * ({@code if (block) return queue.take();} in a method called as {@code next(false)}). A flag passed on down the
     * chain, or tested after an early return, is not followed.
     */
    public boolean ruledOutByFlag(List<Events.Call> chain, Blocking blocking, ProgramModel model) {
        for (int k = 0; k < chain.size(); k++) {
            Map<Integer, Integer> constants = chain.get(k).constants();
            Site next = k + 1 < chain.size() ? chain.get(k + 1).site() : blocking.site();
            MethodSummary callee = constants.isEmpty() ? null : model.summaryOf(next.method());
            if (callee == null) {
                continue;
            }
            for (Events.Branch guard : callee.guardsOf(next)) {
                Integer passed = guard.flag() == null ? null : constants.get(guard.flag().param());
                if (passed != null && (passed != 0) != guard.flag().runsWhen()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a call gives up after a timeout: it takes a {@code long} or a deadline {@code Date}. */
    private static boolean isTimed(MethodRef target) {
        String params = target.desc().substring(0, target.desc().indexOf(')'));
        return params.contains("J") || params.contains("Ljava/util/Date;");
    }

    /** Factories of futures that are complete when made: their {@code get()} returns at once. */
    private static final Set<String> COMPLETED_FUTURES = Set.of("immediateFuture", "immediateFailedFuture",
            "immediateCancelledFuture", "immediateVoidFuture", "completedFuture", "failedFuture", "completedStage",
            "failedStage");

    /** Whether {@code future} was made complete ({@code Futures.immediateFuture(v)}, {@code completedFuture(v)}). */
    private static boolean isCompletedFuture(ValuePath future) {
        return future instanceof ValuePath.CallResult made && COMPLETED_FUTURES.contains(made.name());
    }

    /**
     * Whether {@code call} is on the future {@code previous} just returned (the instruction before it), made complete:
     * {@code CompletableFuture.completedFuture(v).get()}, whose receiver the interpreter does not name.
     */
    private static boolean isCompletedFuture(Events.Call previous, Events.Call call) {
        return previous != null && previous.site().insn() == call.site().insn() - 1
                && COMPLETED_FUTURES.contains(previous.target().name());
    }

    /** Whether a future's {@code get()}/{@code join()} runs only after {@code isDone()} on it was tested. */
    private static boolean isDoneBefore(Events.Call call, MethodSummary method) {
        if (call.receiver() == null) {
            return false;
        }
        for (Events.Branch guard : method.guardsOf(call.site())) {
            for (Origin tested : guard.tested() == null ? Set.<Origin>of() : guard.tested()) {
                if (tested instanceof Origin.CallRead read && read.name().equals("isDone")
                        && call.receiver().equals(read.receiver())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Queues that never fill when made without a capacity: adding to them never waits. */
    private static final Set<String> GROWING_QUEUES = Set.of("java/util/concurrent/LinkedBlockingQueue",
            "java/util/concurrent/LinkedBlockingDeque", "java/util/concurrent/LinkedTransferQueue",
            "java/util/concurrent/PriorityBlockingQueue", "java/util/concurrent/DelayQueue");
    private static final Set<String> ADDING = Set.of("put", "putFirst", "putLast", "offer", "offerFirst", "offerLast");

    /**
     * Whether {@code call} adds to a queue field that every write in the program fills with a queue made without a
     * capacity ({@code new LinkedBlockingQueue<>()}): {@code put} then never waits.
     */
    private boolean isUnboundedQueue(Events.Call call, ProgramModel model) {
        if (!ADDING.contains(call.target().name()) || !(call.receiver() instanceof ValuePath.InstanceField
                || call.receiver() instanceof ValuePath.StaticField)) {
            return false;
        }
        return unboundedQueueFields(model).contains(call.receiver().abstractKey());
    }

    /** The abstract keys of fields only ever assigned growing queues made without a capacity. */
    private Set<String> unboundedQueueFields(ProgramModel model) {
        if (queuesOf != model) {
            Set<String> unbounded = new HashSet<>();
            Set<String> other = new HashSet<>();
            for (MethodSummary method : model.allMethods()) {
                Map<ValuePath, Events.Call> made = new HashMap<>();
                for (Events.Call call : method.calls()) {
                    if (call.target().name().equals("<init>") && call.receiver() instanceof ValuePath.NewObject) {
                        made.put(call.receiver(), call);
                    }
                }
                for (Events.FieldAccess access : method.fieldAccesses()) {
                    if (!access.write()) {
                        continue;
                    }
                    String key = access.isStatic() ? "static " + access.owner() + "." + access.name()
                            : "field " + access.owner() + "." + access.name();
                    Events.Call init = made.get(access.written());
                    boolean growing = init != null && GROWING_QUEUES.contains(init.target().owner())
                            && !init.target().desc().startsWith("(I");
                    (growing ? unbounded : other).add(key);
                }
            }
            unbounded.removeAll(other);
            unboundedQueues = unbounded;
            queuesOf = model;
        }
        return unboundedQueues;
    }

    /** {@code BlockingQueue.put(Object)}: the API as the catalogue names it, owner by simple name. */
    private static String apiName(MethodRef target) {
        String method = target.toString();
        return target.name().equals("<init>") ? "new " + method.replace(".<init>", "") : method;
    }

    /**
     * A selectable channel is in non-blocking mode when it comes from {@code SelectionKey.channel()}, or when the
     * program registers channels with a selector (only non-blocking channels can be registered: such a program does
     * its channel I/O in non-blocking mode), or when the program calls {@code configureBlocking} on a value with the
     * same abstract key (the same field, or a parameter of the same type), or on a value the same method stores in
     * that field.
     */
    private boolean isNonBlockingChannel(ValuePath channel, ProgramModel model) {
        if (channel == null) {
            return false;
        }
        if (channel instanceof ValuePath.CallResult result && result.name().equals("channel")
                && model.isSubtype(result.owner(), SELECTION_KEY)) {
            return true;
        }
        Set<String> nonBlocking = nonBlockingChannels(model);
        return nonBlocking.contains(ANY_CHANNEL) || nonBlocking.contains(channel.abstractKey());
    }

    /** The abstract keys of channels the program makes non-blocking; {@link #ANY_CHANNEL} if it uses a selector. */
    private Set<String> nonBlockingChannels(ProgramModel model) {
        if (channelsOf != model) {
            Set<String> keys = new HashSet<>();
            for (MethodSummary method : model.allMethods()) {
                Set<ValuePath> configured = new HashSet<>();
                for (Events.Call call : method.calls()) {
                    boolean onChannel = call.receiver() != null
                            && model.isSubtype(call.target().owner(), SELECTABLE_CHANNEL);
                    if (onChannel && call.target().name().equals("register")) {
                        keys.add(ANY_CHANNEL);
                    } else if (onChannel && call.target().name().equals("configureBlocking")) {
                        configured.add(call.receiver());
                        keys.add(call.receiver().abstractKey());
                    }
                }
                for (Events.FieldAccess access : method.fieldAccesses()) {
                    if (access.write() && access.written() != null && configured.contains(access.written())) {
                        keys.add(access.isStatic()
                                ? new ValuePath.StaticField(access.owner(), access.name(), access.written().type())
                                        .abstractKey()
                                : Paths.field(access.base(), access.owner(), access.name(), access.written().type())
                                        .abstractKey());
                    }
                }
            }
            nonBlockingChannels = keys;
            channelsOf = model;
        }
        return nonBlockingChannels;
    }
}
