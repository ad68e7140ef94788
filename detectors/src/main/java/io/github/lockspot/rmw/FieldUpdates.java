package io.github.lockspot.rmw;

import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.HeldLocks;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.LockKind;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Read-modify-writes of fields ({@code x++}, {@code x += v}, {@code x = x * 2}, {@code obj.f++}) that no exclusive
 * lock makes atomic, on fields that are shared, and accesses that break a field's {@code @GuardedBy}.
 */
final class FieldUpdates {

    /**
     * An update that is not atomic: the write, and where to report it (the write, or the call of an accessor);
     * {@code reset} for a write that does not use the value read before it ({@code n = count; count = 0});
     * {@code instead} the lock it holds when that is not the field's guard (null when it holds none).
     */
    private record Update(FieldUses.Use write, MethodSummary method, Site site, boolean reset, LockId instead) {
    }

    /** The lock held by most of a field's accesses: how many hold it, of how many, and one access that does. */
    record Guard(LockId lock, int holding, int accesses, Site example) {
    }

    private final ProgramModel model;
    private final FieldUses uses;
    private final ThreadSharing sharing;

    FieldUpdates(ProgramModel model, FieldUses uses, ThreadSharing sharing) {
        this.model = model;
        this.uses = uses;
        this.sharing = sharing;
    }

    List<Finding> findings() {
        List<Finding> findings = new ArrayList<>();
        for (FieldUses.Field field : uses.fields()) {
            List<FieldUses.Use> shared = uses.shared(field);
            GuardDeclaration declared = GuardDeclaration.of(field);
            if (declared != null) {
                findings.addAll(guardedByViolations(field, declared, shared));
                continue;
            }
            Guard guard = mostCommonGuard(field, shared);
            List<Update> updates = unprotectedUpdates(shared, guard);
            updates.addAll(unprotectedResets(shared));
            for (Update update : updates) {
                Finding finding = classify(field, update, guard);
                if (finding != null) {
                    findings.add(finding);
                }
            }
        }
        return findings;
    }

    /** The strongest evidence that the field is shared decides the pattern; further evidence raises the priority. */
    private Finding classify(FieldUses.Field field, Update update, Guard guard) {
        if (update.reset()) {
            return 2 * guard.holding() >= guard.accesses() ? inconsistentlyGuarded(field, update, guard, null) : null;
        }
        if (GuardDeclaration.declaredThreadSafe(field.owner())) {
            return new Finding(RmwPatterns.GUARDED_BY_VIOLATION, Finding.HIGH, update.site(), field,
                    List.of("read-modify-write without a lock in " + field.owner().simpleName()
                            + ", which is declared @ThreadSafe"), List.of());
        }
        ThreadSharing.Evidence threads = sharing.sharedUpdate(update.write());
        // A lock that a third of the accesses or fewer hold is not evidence of a guard.
        if (3 * guard.holding() > guard.accesses()) {
            int priority = 3 * guard.holding() >= 2 * guard.accesses() ? Finding.HIGH
                    : 2 * guard.holding() >= guard.accesses() ? Finding.NORMAL : Finding.LOW;
            if (threads != null && threads.guess() == null && priority > Finding.HIGH) {
                priority--;
            }
            // One writer thread loses no update, whatever lock its readers hold: the vote is then no evidence.
            MethodRef writer = threads == null ? sharing.singleWriter(field) : null;
            String instead = update.instead() == null ? ""
                    : "; it holds " + update.instead().display() + " instead, which those accesses do not take";
            Finding finding = inconsistentlyGuarded(field, update, guard,
                    instead + (writer == null ? "" : "; but " + singleWriterGuess(writer)));
            return writer == null ? finding.withPriority(priority) : finding.withPriority(Finding.LOW);
        }
        // volatile is the author saying the field is shared; only code showing one writer thread (an owner thread
        // publishing its counters) makes the lost update unlikely.
        if (field.info().isVolatile()) {
            MethodRef writer = threads == null ? sharing.singleWriter(field) : null;
            boolean cursor = threads == null && writer == null && scanCursor(update);
            String why = threads != null ? "it is also updated by " + describe(threads)
                    : writer != null ? singleWriterGuess(writer)
                    : cursor ? "guessed harmless: the value written comes from a loop that the read only started, "
                            + "a scan's position kept as a hint for the next scan"
                    : "another thread may write it between the read and the write";
            return new Finding(RmwPatterns.VOLATILE_UPDATE,
                    threads != null && threads.guess() == null ? Finding.HIGH
                            : writer != null || cursor ? Finding.LOW : Finding.NORMAL,
                    update.site(), field, List.of(why), List.of());
        }
        if (threads != null) {
            // a task reaching the update only through one of several implementations is a guess: LOW
            int priority = threads.guess() != null ? Finding.LOW : threads.copies() > 1 ? Finding.HIGH : Finding.NORMAL;
            return new Finding(RmwPatterns.THREAD_SHARED_UPDATE, priority,
                    update.site(), field, List.of(describe(threads)), threads.launch() == null ? List.of()
                            : List.of(new Finding.Line(threads.launch().site(), "SOURCE_LINE_INVOKED")));
        }
        return null;
    }

    /**
     * The report of an update without the guard most accesses hold, at normal priority; {@code suffix} ends its
     * message (null: a reset's words).
     */
    private Finding inconsistentlyGuarded(FieldUses.Field field, Update update, Guard guard, String suffix) {
        List<Finding.Line> lines = new ArrayList<>();
        lines.add(new Finding.Line(guard.example(), "SOURCE_LINE_SYNC_ACCESS"));
        Site unlockedCall = callWithoutLock(update.method());
        if (unlockedCall != null) {
            lines.add(new Finding.Line(unlockedCall, Finding.CALL_INTO));
        }
        return new Finding(RmwPatterns.INCONSISTENTLY_GUARDED_UPDATE, Finding.NORMAL, update.site(), field,
                List.of(guard.lock().display(), guard.holding(), guard.accesses(), suffix != null ? suffix
                        : "; it is read, then overwritten (a read-then-reset): updates made in between are lost"),
                lines);
    }

    /**
     * Whether the update writes, inside a loop, a value that a read before the loop only started: {@code for (int i =
     * next; ...) if (claim(i)) { next = i + 1; ... }}, where a stale write makes the next scan start early, not lose
     * work (Guava's {@code Futures.inCompletionOrder}).
     */
    private static boolean scanCursor(Update update) {
        Events.FieldAccess write = update.write().access();
        MethodSummary method = update.write().method();
        return method.inLoop(write.site()) && !method.inSameLoop(write.readBack().site(), write.site());
    }

    private static String singleWriterGuess(MethodRef writer) {
        return "guessed harmless: every write is in " + writer + " or code only it calls, which one thread runs";
    }

    /** Where the analysed code calls a method that updates without a lock without holding one: the call to fix. */
    private Site callWithoutLock(MethodSummary method) {
        for (ProgramModel.CallEdge edge : model.callersOf(method.method())) {
            if (!holdsALock(edge)) {
                return edge.call().site();
            }
        }
        return null;
    }

    /** Whether a call is made holding an exclusive lock (there or by all its caller's callers). */
    private boolean holdsALock(ProgramModel.CallEdge edge) {
        return Atomicity.atomic(model, edge.caller(), edge.call().held(), edge.call().held());
    }

    /** The task in words: what it is, where it is launched and why several copies run at once. */
    private String describe(ThreadSharing.Evidence threads) {
        String task = threads.task().name().startsWith("lambda$") ? "a lambda" : threads.task().toString();
        String guessed = threads.guess() == null ? "" : "; guessed: the task reaches it only if the code "
                + threads.guess();
        if (threads.launch() == null) {
            return task + ", a task run on another thread alongside other tasks that write it" + guessed;
        }
        Site at = threads.launch().site();
        MethodSummary launcher = model.method(at.method());
        String how = threads.byLauncher() ? ", which also updates it while the task runs"
                : threads.copies() < 2 ? ", alongside other tasks that write it"
                : !threads.launch().repeated() ? ", and elsewhere: several copies at once"
                : launcher != null && launcher.inLoop(at) ? ", many copies at once (launched in a loop)"
                : ", many copies at once (a parallel stream)";
        return task + " launched in " + at.method().simpleOwner() + "." + at.method().name() + "()" + how + guessed;
    }

    /**
     * Writes whose value derives from a read of the same field, with no exclusive lock held from read to write, or,
     * when a {@code guard} holds at least half of the field's accesses, with only other locks held: those exclude
     * none of the guard's holders. (A lock the method cannot name precisely may be the guard; it counts as it.)
     */
    private List<Update> unprotectedUpdates(List<FieldUses.Use> shared, Guard guard) {
        boolean voted = guard != null && guard.lock() != null && 2 * guard.holding() >= guard.accesses();
        List<Update> updates = new ArrayList<>();
        for (FieldUses.Use use : shared) {
            Events.FieldAccess write = use.access();
            // An unknown base cannot tell one object from another, so the read may be of a different one.
            if (!write.write() || write.readBack() == null || !write.isStatic() && write.base() == null) {
                continue;
            }
            MethodSummary method = use.method();
            HeldLocks atRead = heldAtRead(method, write);
            if (isAccessor(method)) {
                // javac's access$NNN runs the update for a nested class: the caller holds (or not) the lock.
                for (ProgramModel.CallEdge edge : model.callersOf(method.method())) {
                    if (!holdsALock(edge)) {
                        updates.add(new Update(use, edge.caller(), edge.call().site(), false, null));
                    }
                }
            } else if (!Atomicity.atomic(model, method, atRead, write.held())) {
                updates.add(new Update(use, method, write.site(), false, null));
            } else if (voted && !Atomicity.atomicUnder(model, method, atRead, write.held(),
                    held -> Atomicity.mayBe(guard.lock(), held))) {
                updates.add(new Update(use, method, write.site(), false,
                        Atomicity.heldThroughout(model, method, atRead, write.held())));
            }
        }
        return updates;
    }

    /**
     * Resets to zero of a numeric field, made with no exclusive lock held, of a value the same method read from the
     * same object earlier: {@code int n = count; count = 0; return n;}. What another thread adds in between is in
     * neither {@code n} nor the field. Not for booleans, where a flag read and then cleared is a protocol of its own,
     * nor for volatile fields, where it is the flag-taking idiom ({@code was = called; called = false;}) that peers
     * leave alone.
     */
    private List<Update> unprotectedResets(List<FieldUses.Use> shared) {
        List<Update> resets = new ArrayList<>();
        for (FieldUses.Use use : shared) {
            Events.FieldAccess write = use.access();
            String desc = use.field().info().desc();
            if (!write.write() || !write.storesDefault() || !List.of("I", "J", "S", "B").contains(desc)
                    || use.field().info().isVolatile() || Atomicity.exclusive(use.locks())
                    || !write.isStatic() && write.base() == null || isAccessor(use.method())) {
                continue;
            }
            for (Events.FieldAccess read : use.method().fieldAccesses()) {
                if (!read.write() && read.site().insn() < write.site().insn() && read.name().equals(write.name())
                        && read.owner().equals(write.owner()) && Objects.equals(read.base(), write.base())
                        && !Atomicity.atomic(model, use.method(), read.held(), write.held())) {
                    resets.add(new Update(use, use.method(), write.site(), true, null));
                    break;
                }
            }
        }
        return resets;
    }

    private static HeldLocks heldAtRead(MethodSummary method, Events.FieldAccess write) {
        for (Events.FieldAccess access : method.fieldAccesses()) {
            if (access.site().equals(write.readBack().site())) {
                return access.held();
            }
        }
        return HeldLocks.NONE;
    }

    private static boolean isAccessor(MethodSummary method) {
        return method.isSynthetic() && method.method().name().startsWith("access$");
    }

    /**
     * The lock that most of the field's accesses hold (exclusively, or the read half for a read), by lock-graph node
     * so that the same field's lock on different objects counts as one. Only a lock that the field's own class (or a
     * class nested with it) takes around some access counts: locks that only far callers happen to hold are not the
     * class's discipline. Accesses are counted once per source line and kind, as javac copies finally blocks.
     */
    static Guard mostCommonGuard(FieldUses.Field field, List<FieldUses.Use> shared) {
        Map<String, List<FieldUses.Use>> byNode = new LinkedHashMap<>();
        Set<String> takenByTheClass = new HashSet<>();
        Set<String> counted = new LinkedHashSet<>();
        for (FieldUses.Use use : shared) {
            Events.FieldAccess access = use.access();
            if (!counted.add(access.site().method() + ":" + access.site().line() + ":" + access.write())) {
                continue;
            }
            Set<String> nodes = new LinkedHashSet<>();
            for (LockId lock : use.locks()) {
                if (lock.precise() && lock.kind() != LockKind.SEMAPHORE
                        && (lock.kind().guardsWrites() || !access.write()) && nodes.add(lock.node())) {
                    byNode.computeIfAbsent(lock.node(), k -> new ArrayList<>()).add(use);
                }
            }
            if (sameTopLevelClass(use.method().method().owner(), field.owner().name())) {
                access.held().held().forEach(hold -> takenByTheClass.add(hold.lock().node()));
            }
        }
        List<FieldUses.Use> best = List.of();
        String bestNode = null;
        for (Map.Entry<String, List<FieldUses.Use>> entry : byNode.entrySet()) {
            if (entry.getValue().size() > best.size() && takenByTheClass.contains(entry.getKey())) {
                best = entry.getValue();
                bestNode = entry.getKey();
            }
        }
        if (bestNode == null) {
            return new Guard(null, 0, counted.size(), null);
        }
        FieldUses.Use example = best.get(0);
        for (LockId lock : example.locks()) {
            if (lock.node().equals(bestNode)) {
                return new Guard(lock, best.size(), counted.size(), example.access().site());
            }
        }
        throw new IllegalStateException("guard node without lock: " + bestNode);
    }

    private static boolean sameTopLevelClass(String a, String b) {
        return topLevel(a).equals(topLevel(b));
    }

    private static String topLevel(String className) {
        int nested = className.indexOf('$');
        return nested < 0 ? className : className.substring(0, nested);
    }

    /** A place that breaks a field's {@code @GuardedBy}, and in what words. */
    private record Violation(Site site, int priority, String what) {
    }

    /**
     * For a {@code @GuardedBy} field, each method's first violation: a read-modify-write without the declared guard
     * (or holding it only separately at the read and the write) is high, a plain write without it normal, and for
     * {@code itself} a call on the field's object without that object's monitor normal. Plain reads are not
     * reported: Error Prone's GuardedBy check flags them at compile time, where the {@code @SuppressWarnings
     * ("GuardedBy")} that marks the benign ones is visible; it is not kept in bytecode.
     */
    private List<Finding> guardedByViolations(FieldUses.Field field, GuardDeclaration declared,
            List<FieldUses.Use> shared) {
        String notHeld = "declared " + declared.text() + ", not held ";
        List<Violation> violations = new ArrayList<>();
        if (declared.itself()) {
            for (Site site : callsWithoutItsMonitor(field, declared)) {
                violations.add(new Violation(site, Finding.NORMAL, "a call on it; " + notHeld + "here"));
            }
        } else {
            for (FieldUses.Use use : shared) {
                boolean update = use.access().readBack() != null;
                for (Site site : unguardedSites(declared, use)) {
                    violations.add(update ? new Violation(site, Finding.HIGH, "read-modify-write; " + notHeld + "here")
                            : new Violation(site, Finding.NORMAL, "write; " + notHeld + "here"));
                }
            }
            for (Update update : unprotectedUpdates(shared, null)) {
                violations.add(new Violation(update.site(), Finding.HIGH,
                        "read-modify-write; " + notHeld + "from the read to the write"));
            }
        }
        violations.sort(Comparator.comparing(Violation::site).thenComparingInt(Violation::priority));
        Map<MethodRef, Finding> firstPerMethod = new LinkedHashMap<>();
        for (Violation violation : violations) {
            firstPerMethod.putIfAbsent(violation.site().method(), new Finding(RmwPatterns.GUARDED_BY_VIOLATION,
                    violation.priority(), violation.site(), field, List.of(violation.what()), List.of()));
        }
        return new ArrayList<>(firstPerMethod.values());
    }

    /** Calls on the object a {@code @GuardedBy("itself")} field refers to, made without that object's monitor. */
    private List<Site> callsWithoutItsMonitor(FieldUses.Field field, GuardDeclaration declared) {
        List<Site> sites = new ArrayList<>();
        for (MethodSummary method : model.allMethods()) {
            if (method.method().name().startsWith("<")) {
                continue; // construction: no other thread sees the object yet
            }
            for (Events.Call call : method.calls()) {
                ValuePath receiver = call.receiver();
                FieldUses.Field called = uses.declaration(receiver);
                if (called == null || called.owner() != field.owner() || called.info() != field.info()) {
                    continue;
                }
                List<LockId> locks = Atomicity.heldOnEntry(model, method);
                call.held().held().forEach(hold -> locks.add(hold.lock()));
                if (!guarded(declared, locks, receiver, true)) {
                    sites.add(call.site());
                }
            }
        }
        return sites;
    }

    /**
     * Where the write {@code use} happens without the declared guard (nowhere for a read): the access itself, or for javac's {@code access$NNN}
     * accessors, each call of the accessor made without it.
     */
    private List<Site> unguardedSites(GuardDeclaration declared, FieldUses.Use use) {
        Events.FieldAccess access = use.access();
        if (!access.write()) {
            return List.of();
        }
        if (!isAccessor(use.method())) {
            return guarded(declared, use.locks(), access.base(), access.write()) ? List.of() : List.of(access.site());
        }
        List<Site> sites = new ArrayList<>();
        for (ProgramModel.CallEdge edge : model.callersOf(use.method().method())) {
            List<LockId> locks = Atomicity.heldOnEntry(model, edge.caller());
            edge.call().held().held().forEach(hold -> locks.add(hold.lock()));
            ValuePath base = access.isStatic() ? null : ProgramModel.inCallerTerms(access.base(), List.of(edge.call()));
            if (!guarded(declared, locks, base, access.write())) {
                sites.add(edge.call().site());
            }
        }
        return sites;
    }

    private static boolean guarded(GuardDeclaration declared, List<LockId> locks, ValuePath base, boolean write) {
        for (LockId lock : locks) {
            if (declared.satisfiedBy(lock, base, write)) {
                return true;
            }
        }
        return false;
    }
}
