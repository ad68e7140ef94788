package io.github.lockspot.rmw;

import io.github.lockspot.analysis.api.JdkTypes;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.HeldLocks;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.Origin;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Read-modify-writes through calls on shared objects: an atomic updated by a separate {@code get()} and {@code set()}
 * ({@code a.set(a.get() + 1)}) or updated only after a test of its {@code get()} ({@code if (a.get() < max)
 * a.incrementAndGet()}), and a shared map updated by {@code put()} of a value derived from its {@code get()}
 * ({@code map.put(k, map.get(k) + 1)}) or after a test of {@code get()}/{@code containsKey()} ({@code if
 * (!map.containsKey(k)) map.put(k, v)}) instead of {@code merge}, {@code compute} or {@code putIfAbsent}.
 * Only objects held in fields count: a local atomic or map is not shared. A map is shared when it is made for
 * concurrent use (a {@code ConcurrentMap}, a {@code Collections.synchronizedMap}), or when the lock that most
 * accesses of its field hold is taken by its class, by the vote of {@link FieldUpdates#mostCommonGuard}. A put after
 * a {@code get() == null} test of a concurrent map is low priority: mostly a cache filled on a miss.
 */
final class CallUpdates {

    /** Atomics whose {@code get()} a value set is computed from (a reference's may be a copy, lazily kept). */
    private static final Set<String> ATOMICS = Set.of("java/util/concurrent/atomic/AtomicInteger",
            "java/util/concurrent/atomic/AtomicLong", "java/util/concurrent/atomic/AtomicIntegerArray",
            "java/util/concurrent/atomic/AtomicLongArray", "java/util/concurrent/atomic/AtomicBoolean");
    private static final String CONCURRENT_MAP = "java/util/concurrent/ConcurrentMap";
    /**
     * Plain writes. {@code lazySet}/{@code setRelease}/{@code setOpaque} after a {@code get()} is the single-writer
     * idiom (one thread owns the atomic and publishes cheaply), not a lost update.
     */
    private static final Set<String> ATOMIC_WRITES = Set.of("set", "getAndSet");
    /** Writes that a test of the atomic's value can precede: the test is stale by the time they run. */
    private static final Set<String> ATOMIC_CHECKED_WRITES = Set.of("set", "getAndSet", "incrementAndGet",
            "decrementAndGet", "getAndIncrement", "getAndDecrement", "addAndGet", "getAndAdd");
    private static final Set<String> ATOMIC_READS = Set.of("get", "getPlain", "getOpaque", "getAcquire", "intValue",
            "longValue", "doubleValue", "floatValue");
    private static final Set<String> MAP_READS = Set.of("get", "getOrDefault");
    private static final Set<String> MAP_CHECKS = Set.of("get", "getOrDefault", "containsKey");

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
                Finding finding = finding(method, call);
                if (finding != null) {
                    findings.add(finding);
                }
            }
        }
        return findings;
    }

    private Finding finding(MethodSummary method, Events.Call call) {
        ValuePath receiver = call.receiver();
        if (!inField(receiver)) {
            return null;
        }
        String owner = call.target().owner();
        String name = call.target().name();
        boolean atomic = ATOMICS.contains(owner);
        String pattern;
        Origin.CallRead read;
        if (atomic && ATOMIC_CHECKED_WRITES.contains(name)) {
            pattern = RmwPatterns.ATOMIC_GET_THEN_SET;
            read = ATOMIC_WRITES.contains(name) ? readOfSameObject(call, call.argOrigins(), ATOMIC_READS) : null;
        } else if (!atomic && blindMapWrite(call)) {
            pattern = RmwPatterns.MAP_CHECK_THEN_ACT;
            read = readOfSameObject(call, call.argOrigins(), MAP_READS);
        } else {
            return null;
        }
        if (read != null && Atomicity.atomic(model, method, heldAt(method, read), call.held())) {
            return null;
        }
        boolean derived = read != null;
        // After a test, a set() of a computed value is mostly one writer keeping the largest value it saw (an
        // election's logical clock), and a flag set to false a signal consumed (a wake-up arriving meanwhile is
        // merged into it); a flag set to true claims it, and an increment counts on the stale test.
        boolean claims = !atomic || !ATOMIC_WRITES.contains(name) || Integer.valueOf(1).equals(call.constants().get(0));
        if (!derived && claims) {
            read = testedBefore(method, call, atomic ? ATOMIC_READS : MAP_CHECKS);
        }
        if (read == null) {
            return null;
        }
        String shared = atomic ? "" : sharedMap(receiver, method, call);
        if (shared == null) {
            return null;
        }
        // A concurrent map put after get() == null is mostly a cache filled on a miss, where both threads put alike
        // values; a test of containsKey() claims the key, and a plain map's unlocked put is a data race.
        boolean cacheFill = !atomic && !derived && shared.isEmpty() && !read.name().equals("containsKey");
        return new Finding(pattern, cacheFill ? Finding.LOW : Finding.NORMAL, call.site(), null,
                List.of(receiver.display(), name, derived ? "stores a value computed from" : "runs only after a test of",
                        read.name(), cacheFill ? "; guessed harmless: a cache filled on a miss, where both threads put "
                                + "alike values" : shared),
                List.of(new Finding.Line(read.site(), "SOURCE_LINE_VALUE_SOURCE")));
    }

    /** {@code put}, or {@code replace(k, v)}: {@code replace(k, old, new)} is the atomic compare-and-set form. */
    private static boolean blindWrite(Events.Call call) {
        String name = call.target().name();
        return name.equals("put") || name.equals("replace") && call.target().desc().startsWith(
                "(Ljava/lang/Object;Ljava/lang/Object;)");
    }

    private boolean blindMapWrite(Events.Call call) {
        return blindWrite(call) && model.isSubtype(call.target().owner(), "java/util/Map");
    }

    /** A field, or something reached through fields, of an object that is not a local one. */
    private static boolean inField(ValuePath path) {
        return (path instanceof ValuePath.InstanceField || path instanceof ValuePath.StaticField)
                && !(ValuePath.rootOf(path) instanceof ValuePath.NewObject);
    }

    /**
     * Why the map is shared, as the end of the message: "" for a map made for concurrent use, the guard vote's
     * words for a map whose field's accesses mostly hold one lock, when {@code put} holds no exclusive lock (under
     * one, the map stays consistent: a stale check loads a value twice); null when neither shows it.
     */
    private String sharedMap(ValuePath map, MethodSummary method, Events.Call put) {
        if (model.isSubtype(map.type(), CONCURRENT_MAP)) {
            return "";
        }
        FieldUses.Field declared = uses.declaration(map);
        if (declared == null) {
            return null;
        }
        for (FieldUses.Use use : uses.of(declared)) {
            ValuePath stored = use.access().written();
            if (use.access().write() && stored != null && (model.isSubtype(stored.type(), CONCURRENT_MAP)
                    || JdkTypes.isSynchronizedMap(stored.type()))) {
                return "";
            }
        }
        List<LockId> held = Atomicity.heldOnEntry(model, method);
        put.held().held().forEach(hold -> held.add(hold.lock()));
        if (Atomicity.exclusive(held)) {
            return null;
        }
        FieldUpdates.Guard guard = FieldUpdates.mostCommonGuard(declared, uses.shared(declared));
        return guard.lock() != null && 2 * guard.holding() >= guard.accesses()
                ? "; the map is not made for concurrent use, and " + guard.holding() + " of " + guard.accesses()
                        + " accesses of " + declared.display() + " hold " + guard.lock().display()
                : null;
    }

    private static Origin.CallRead readOfSameObject(Events.Call call, Set<Origin> origins, Set<String> readNames) {
        if (origins == null) {
            return null;
        }
        for (Origin origin : origins) {
            if (origin instanceof Origin.CallRead read && readNames.contains(read.name())
                    && call.receiver().equals(read.receiver())) {
                return read;
            }
        }
        return null;
    }

    /**
     * A read of the same object that a branch deciding whether {@code call} runs tested, with no exclusive lock held
     * from it to the call; null if there is none, or if some such test is made under the same hold as the call (a
     * check made again under the lock).
     */
    private Origin.CallRead testedBefore(MethodSummary method, Events.Call call, Set<String> readNames) {
        Origin.CallRead unprotected = null;
        for (Events.Branch branch : method.guardsOf(call.site())) {
            Origin.CallRead read = readOfSameObject(call, branch.tested(), readNames);
            if (read == null) {
                continue;
            }
            if (Atomicity.atomic(model, method, heldAt(method, read), call.held())) {
                return null;
            }
            if (unprotected == null) {
                unprotected = read;
            }
        }
        return unprotected;
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
