package io.github.lockspot.rmw;

import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.HeldLocks;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.Origin;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Read-modify-writes through calls on objects made for concurrent use: an atomic updated by a separate
 * {@code get()} and {@code set()} ({@code a.set(a.get() + 1)}), and a concurrent map updated by {@code get()} then
 * {@code put()} of a value derived from it ({@code map.put(k, map.get(k) + 1)}) instead of {@code merge} or
 * {@code compute}.
 * Only objects held in fields count: a local atomic or map is not shared.
 */
final class CallUpdates {

    /** Numeric atomics: a value set from their get() is computed from it (a reference's may be a copy, lazily kept). */
    private static final Set<String> ATOMICS = Set.of("java/util/concurrent/atomic/AtomicInteger",
            "java/util/concurrent/atomic/AtomicLong", "java/util/concurrent/atomic/AtomicIntegerArray",
            "java/util/concurrent/atomic/AtomicLongArray");
    private static final String CONCURRENT_MAP = "java/util/concurrent/ConcurrentMap";
    /**
     * Plain writes. {@code lazySet}/{@code setRelease}/{@code setOpaque} after a {@code get()} is the single-writer
     * idiom (one thread owns the atomic and publishes cheaply), not a lost update.
     */
    private static final Set<String> ATOMIC_WRITES = Set.of("set", "getAndSet");
    private static final Set<String> ATOMIC_READS = Set.of("get", "getPlain", "getOpaque", "getAcquire", "intValue",
            "longValue", "doubleValue", "floatValue");
    private static final Set<String> MAP_READS = Set.of("get", "getOrDefault");

    private final ProgramModel model;
    private final FieldUses uses;

    CallUpdates(ProgramModel model, FieldUses uses) {
        this.model = model;
        this.uses = uses;
    }

    List<Finding> findings() {
        List<Finding> findings = new ArrayList<>();
        for (MethodSummary method : model.allMethods()) {
            for (Events.Call call : method.calls()) {
                String pattern = patternOf(call);
                if (pattern == null) {
                    continue;
                }
                Set<String> reads = pattern.equals(RmwPatterns.ATOMIC_GET_THEN_SET) ? ATOMIC_READS : MAP_READS;
                Origin.CallRead read = readOfSameObject(call, reads);
                if (read != null && !Atomicity.atomic(model, method, heldAt(method, read), call.held())) {
                    findings.add(new Finding(pattern, Finding.NORMAL, call.site(), null,
                            List.of(call.receiver().display()), List.of(new Finding.Line(read.site(),
                                    "SOURCE_LINE_VALUE_SOURCE"))));
                }
            }
        }
        return findings;
    }

    private String patternOf(Events.Call call) {
        ValuePath receiver = call.receiver();
        if (!inField(receiver)) {
            return null;
        }
        String owner = call.target().owner();
        String name = call.target().name();
        if (ATOMICS.contains(owner) && ATOMIC_WRITES.contains(name)) {
            return RmwPatterns.ATOMIC_GET_THEN_SET;
        }
        // replace(k, old, new) is the atomic compare-and-set form; only replace(k, v) loses updates.
        boolean blindWrite = name.equals("put") || name.equals("replace") && call.target().desc().startsWith(
                "(Ljava/lang/Object;Ljava/lang/Object;)");
        return blindWrite && isConcurrentMap(receiver) ? RmwPatterns.MAP_CHECK_THEN_ACT : null;
    }

    /** A field, or something reached through fields, of an object that is not a local one. */
    private static boolean inField(ValuePath path) {
        return (path instanceof ValuePath.InstanceField || path instanceof ValuePath.StaticField)
                && !(ValuePath.rootOf(path) instanceof ValuePath.NewObject);
    }

    /** Declared as a concurrent map, or assigned one somewhere ({@code Map m = new ConcurrentHashMap<>()}). */
    private boolean isConcurrentMap(ValuePath map) {
        if (model.isSubtype(map.type(), CONCURRENT_MAP)) {
            return true;
        }
        FieldUses.Field declared = uses.declaration(map);
        if (declared == null) {
            return false;
        }
        for (FieldUses.Use use : uses.of(declared)) {
            ValuePath stored = use.access().written();
            if (use.access().write() && stored != null && model.isSubtype(stored.type(), CONCURRENT_MAP)) {
                return true;
            }
        }
        return false;
    }

    private static Origin.CallRead readOfSameObject(Events.Call call, Set<String> readNames) {
        if (call.argOrigins() == null) {
            return null;
        }
        for (Origin origin : call.argOrigins()) {
            if (origin instanceof Origin.CallRead read && readNames.contains(read.name())
                    && read.receiver().equals(call.receiver())) {
                return read;
            }
        }
        return null;
    }

    private static HeldLocks heldAt(MethodSummary method, Origin.CallRead read) {
        for (Events.Call call : method.calls()) {
            if (call.site().equals(read.site())) {
                return call.held();
            }
        }
        return HeldLocks.NONE;
    }
}
