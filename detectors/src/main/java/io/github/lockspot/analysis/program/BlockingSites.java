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
 * semaphore permits.
 */
public final class BlockingSites {

    /**
     * Something in one method that can block: a catalogued call, a blocking acquisition of semaphore permits or a
     * wait. {@code api} names what blocks ({@code BlockingQueue.put(Object)}), {@code releases} is the lock a wait
     * gives up while it waits (null for other blocking, and for a {@link Category#WAIT} on a condition whose lock
     * this method cannot name, e.g. a parameter), {@code held} the locks held there, {@code call} the call event for
     * a catalogued call (else null).
     */
    public record Blocking(Site site, String api, Category category, LockId releases, HeldLocks held,
            Events.Call call) {
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
     * waits ({@code wait()}, {@code Condition.await()}), each with the locks held there.
     */
    public List<Blocking> in(MethodSummary method, ProgramModel model) {
        Map<ValuePath, List<ValuePath>> wrapping = new HashMap<>();
        for (Events.Call call : method.calls()) {
            if (call.target().name().equals("<init>") && call.receiver() instanceof ValuePath.NewObject made) {
                wrapping.put(made, call.args());
            }
        }
        List<Blocking> found = new ArrayList<>();
        for (Events.Call call : method.calls()) {
            Category category = categoryOf(call, model, wrapping);
            if (category != null) {
                found.add(new Blocking(call.site(), apiName(call.target()), category, null, call.held(), call));
            }
        }
        for (Events.Acquisition acquisition : method.acquisitions()) {
            if (acquisition.blocking() && acquisition.lock().kind() == LockKind.SEMAPHORE) {
                found.add(new Blocking(acquisition.site(), "Semaphore.acquire()", Category.SYNCHRONIZER, null,
                        acquisition.before(), null));
            }
        }
        for (Events.MonitorUse use : method.monitorUses()) {
            if (use.op() == LockApi.Op.WAIT) {
                String api = use.lock().kind() == LockKind.MONITOR ? "Object.wait()" : "Condition.await()";
                found.add(new Blocking(use.site(), api, Category.WAIT, use.lock(), use.held(), null));
            }
        }
        return found;
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
