package io.github.lockspot.dlk;

import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.HeldLocks;
import io.github.lockspot.analysis.flow.Hold;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.CallerLocks;
import io.github.lockspot.analysis.program.Construction;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.program.Reach;
import io.github.lockspot.analysis.program.Uncalled;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.LockKind;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.objectweb.asm.Opcodes;

/**
 * Every nesting of blocking lock acquisitions in the program, sorted into what the detector reports: edges of the
 * lock-order graph (between two named locks), argument-order nestings (two objects of one kind taken in parameter
 * order by a method anyone can call) and self-deadlocks (a thread taking again a lock it holds, where that blocks).
 *
 * <p>Nestings are found in the method that holds the first lock, directly or through calls. A lock that method knows
 * only as a parameter or {@code this} of a kind that names no node is followed up to the callers, which may name it
 * (a private helper {@code nest(a, b)} called as {@code nest(lockA, lockB)}). A method that nests the same two locks
 * in both orders picks an order at run time (the ordering idiom: compare ids, then nest); its nestings of that pair
 * are not counted. Re-entry into a held reentrant lock, {@code tryLock()}-style acquisitions and locks of objects the
 * method has just created are never edges.
 */
final class LockOrder {
    /** How many calls up an unnamed lock is followed to callers that name it. */
    static final int MAX_CALLER_DEPTH = 3;
    /** How many callers of one method are followed. */
    static final int MAX_CALLERS = 16;

    /**
     * A lock-order graph edge: {@code from} is held while {@code to} is taken, as {@code nesting} shows;
     * {@code intoWrapped} if on the way a wrapper calls into the object it wraps ({@link #intoWrapped});
     * {@code implementationGuess} says which implementation is assumed if on the way a call picks one of several
     * that take different locks (words null if none); {@code programCalls} counts the calls on the path that the
     * program makes ({@link ProgramModel#programCalls}); {@code uncalled} if the nesting starts in a private method
     * nothing runs ({@link Uncalled}).
     */
    record Edge(String from, String to, Nesting nesting, boolean intoWrapped, Guess implementationGuess,
            int programCalls, boolean uncalled) {
        /** The guess in words, or null. */
        String guess() {
            return implementationGuess.words();
        }

        boolean guessed() {
            return guess() != null;
        }

        /**
         * Known without a guess about implementations, through at most {@value ProgramModel#CONFIDENT_CALLS} calls,
         * in code that runs.
         */
        boolean confident() {
            return !uncalled && programCalls <= ProgramModel.CONFIDENT_CALLS && !guessed(); // the guess is dear: last
        }
    }

    /**
     * An edge's guess about implementations ({@link #guessed(Nesting)}), worked out when first asked: it walks every
     * implementation of every call on the path, and only edges on a cycle are ever asked.
     */
    final class Guess {
        private Nesting unworked;
        private String words;

        private Guess(Nesting nesting) {
            unworked = nesting;
        }

        String words() {
            if (unworked != null) {
                words = guessed(unworked);
                unworked = null;
            }
            return words;
        }
    }

    private final ProgramModel model;
    private final LockNodes nodes;
    private final CallerLocks callerLocks;
    private final Set<MethodRef> duringConstruction;
    private final Set<MethodRef> uncalled;
    private final Map<List<Object>, Taking> implementationTakes = new HashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final List<Nesting> argumentOrders = new ArrayList<>();
    private final List<Nesting> selfDeadlocks = new ArrayList<>();

    private LockOrder(ProgramModel model) {
        this.model = model;
        this.nodes = new LockNodes(model);
        this.callerLocks = model.callerLocks();
        this.duringConstruction = Construction.onlyDuringConstruction(model);
        this.uncalled = Uncalled.privateMethods(model);
    }

    /** The lock order of the whole analysed program. */
    static LockOrder of(ProgramModel model) {
        LockOrder order = new LockOrder(model);
        order.sortNestings();
        return order;
    }

    List<Edge> edges() {
        return edges;
    }

    List<Nesting> argumentOrders() {
        return argumentOrders;
    }

    List<Nesting> selfDeadlocks() {
        return selfDeadlocks;
    }

    private void sortNestings() {
        Map<MethodRef, List<Nesting>> round = new TreeMap<>();
        List<MethodSummary> origins = model.allMethods();
        origins.addAll(model.libraryMethods());
        for (MethodSummary method : origins) {
            List<Nesting> found = nestingsIn(method);
            if (!found.isEmpty()) {
                round.put(method.method(), found);
            }
        }
        Map<MethodRef, Set<List<LockId>>> ordersSeen = new HashMap<>();
        while (!round.isEmpty()) {
            Map<MethodRef, List<Nesting>> callers = new TreeMap<>();
            for (Map.Entry<MethodRef, List<Nesting>> entry : round.entrySet()) {
                Set<List<LockId>> orders = ordersSeen.computeIfAbsent(entry.getKey(), k -> new HashSet<>());
                for (Nesting nesting : entry.getValue()) {
                    orders.add(List.of(nesting.held(), nesting.taken()));
                }
                for (Nesting nesting : entry.getValue()) {
                    boolean bothOrders = !nesting.held().equals(nesting.taken())
                            && orders.contains(List.of(nesting.taken(), nesting.held()));
                    if (!bothOrders) {
                        sort(nesting, callers);
                    }
                }
            }
            round = callers;
        }
    }

    /** The nestings whose first lock {@code method} takes itself, named in its terms. */
    private List<Nesting> nestingsIn(MethodSummary method) {
        List<Nesting> found = new ArrayList<>();
        for (Events.Acquisition acquisition : method.acquisitions()) {
            if (acquisition.blocking()) {
                for (Hold hold : acquisition.before().held()) {
                    addNesting(method, hold, acquisition.before(), List.of(), acquisition.lock(), acquisition.site(),
                            List.of(), found);
                }
            }
        }
        for (Events.Call call : method.calls()) {
            if (call.held().held().isEmpty()) {
                continue;
            }
            for (MethodSummary target : model.targets(call)) {
                for (Reach<Events.Acquisition> reach
                        : model.reachable(target.method(), "acquisitions", MethodSummary::acquisitions)) {
                    Events.Acquisition acquisition = reach.event();
                    if (!acquisition.blocking()) {
                        continue;
                    }
                    List<Events.Call> path = reach.chainFrom(call);
                    if (!model.runsAlong(path, acquisition.site().method())) {
                        continue; // a callback the library keeps, of a class never registered with this object
                    }
                    List<Hold> heldInCallees = new ArrayList<>(acquisition.before().held());
                    for (Events.Call deeper : reach.chain()) {
                        heldInCallees.addAll(deeper.held().held());
                    }
                    for (Hold hold : call.held().held()) {
                        addNesting(method, hold, call.held(), heldInCallees, acquisition.lock(), acquisition.site(),
                                List.copyOf(path), found);
                    }
                }
            }
        }
        return found;
    }

    /**
     * Adds the nesting of {@code takenOwn} (taken at the end of {@code path}) inside {@code hold}, with the locks held
     * around it: {@code heldThere} in {@code method}, {@code heldInCallees} in the methods on the path.
     */
    private void addNesting(MethodSummary method, Hold hold, HeldLocks heldThere, List<Hold> heldInCallees,
            LockId takenOwn, Site takenAt, List<Events.Call> path, List<Nesting> found) {
        Site heldAt = hold.acquiredAt();
        boolean constructing = method.isConstructor() || duringConstruction.contains(method.method());
        if (heldAt == null || heldAt.equals(takenAt)
                || constructing && root(hold.lock().path()) instanceof ValuePath.This) {
            return; // a loop taking one lock repeatedly, or an object no other thread can see yet
        }
        Set<LockId> takenEarlier = heldWhenTaken(method, heldAt);
        List<Hold> earlier = new ArrayList<>();
        List<Hold> later = new ArrayList<>(heldInCallees);
        for (Hold other : heldThere.held()) {
            if (!other.lock().equals(hold.lock())) {
                (takenEarlier.contains(other.lock()) ? earlier : later).add(other);
            }
        }
        Set<String> gates = exclusiveNodes(callerLocks.heldOnEntry(method.method()), true);
        gates.addAll(exclusiveNodes(locksOf(earlier), true));
        LockId taken = ProgramModel.inCallerTerms(takenOwn, path);
        if (taken.kind().reentrant() && !taken.equals(hold.lock()) && heldThere.holds(taken)) {
            return; // re-entry of another lock the thread already holds: it does not wait there, so nothing is ordered
        }
        found.add(new Nesting(method.method(), hold.lock(), taken, hold.lock(), takenOwn, heldAt, takenAt, path, 0,
                gates, exclusiveNodes(locksOf(later), false)));
    }

    /** The locks held when {@code method} took the lock it takes at {@code site}. */
    private static Set<LockId> heldWhenTaken(MethodSummary method, Site site) {
        Set<LockId> held = new HashSet<>();
        for (Events.Acquisition acquisition : method.acquisitions()) {
            if (acquisition.site().equals(site)) {
                for (Hold before : acquisition.before().held()) {
                    held.add(before.lock());
                }
            }
        }
        return held;
    }

    /** The nodes of the exclusive locks among {@code locks}; with {@code preciseOnly}, only one-object ones (gates). */
    private Set<String> exclusiveNodes(Collection<LockId> locks, boolean preciseOnly) {
        Set<String> exclusive = new TreeSet<>();
        for (LockId lock : locks) {
            String node = nodes.nodeOf(lock);
            if (lock.kind().exclusive() && node != null && (!preciseOnly || LockNodes.isPrecise(node))) {
                exclusive.add(node);
            }
        }
        return exclusive;
    }

    private static List<LockId> locksOf(List<Hold> holds) {
        List<LockId> locks = new ArrayList<>(holds.size());
        for (Hold hold : holds) {
            locks.add(hold.lock());
        }
        return locks;
    }

    /** Decides what one nesting, named in its origin's terms, is; passes it to the callers if they must name it. */
    private void sort(Nesting nesting, Map<MethodRef, List<Nesting>> callers) {
        LockId held = nesting.held();
        LockId taken = nesting.taken();
        if (callerLocks.heldOnEntry(nesting.origin()).contains(taken)) {
            return; // every caller already holds it: taking it again is re-entry
        }
        if (sameLock(held, taken)) {
            if (nesting.holderDepth() == 0 && blocksOnItself(nesting)) {
                selfDeadlocks.add(nesting);
            }
            return;
        }
        List<LockId> heldViews = nesting.heldViews();
        List<LockId> takenViews = nesting.takenViews();
        if (anyFresh(heldViews) || anyFresh(takenViews)) {
            return;
        }
        if (argumentOrder(held, taken)) {
            if (callersChooseArguments(nesting.origin())) {
                argumentOrders.add(nesting);
            } else {
                passToCallers(nesting, callers);
            }
            return;
        }
        String from = nodes.firstNode(heldViews);
        String to = nodes.firstNode(takenViews);
        if (model.isLibrary(nesting.origin())) {
            // library code orders its own locks as it likes; a nesting in it counts where the program calls it
            if (callersMayName(held) || callersMayName(taken)) {
                passToCallers(nesting, callers);
            }
        } else if (from != null && to != null) {
            if (!from.equals(to) && !throughAnother(nesting, from, to)) {
                edges.add(new Edge(from, to, nesting, intoWrapped(nesting), new Guess(nesting),
                        model.programCalls(nesting.path()), uncalled.contains(nesting.origin())));
            }
        } else if ((from != null || callersMayName(held)) && (to != null || callersMayName(taken))) {
            passToCallers(nesting, callers);
        }
    }

    /**
     * Whether an exclusive lock taken in between is held too: then the nesting is the sum of two shorter ones
     * ({@code from} → it → {@code to}), which the graph has already, and adding it would only report each cycle
     * through it again with a shortcut.
     */
    private static boolean throughAnother(Nesting nesting, String from, String to) {
        return nesting.between().stream().anyMatch(node -> !node.equals(from) && !node.equals(to));
    }

    /**
     * Whether the nesting passes from a wrapper into the object it wraps: a call, on the way from the holder to the
     * second lock, of a method of a type the calling class is itself (a decorator's {@code Store}), on an object it
     * reaches from {@code this} (its {@code backing} store).
     */
    private boolean intoWrapped(Nesting nesting) {
        for (Events.Call call : nesting.holderPath()) {
            String caller = call.site().method().owner();
            String declared = call.target().owner();
            if (!caller.equals(declared) && !declared.equals("java/lang/Object") && model.isSubtype(caller, declared)
                    && !(call.receiver() instanceof ValuePath.This)
                    && root(call.receiver()) instanceof ValuePath.This) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the nesting depends on which implementation a call on its path runs: the call could run several
     * analysed methods, and either the path goes through an override while the implementation the call names does
     * not take the lock, or another implementation takes other locks but not this one: the same object (in the
     * caller's terms) as the same graph node (a listener's monitor is not an auditor's because both lock the
     * receiver). Implementations that take no lock at all (null objects) do not make a guess. The implementations
     * are those the call can run on this path ({@link ProgramModel#targetsAlong}). Returns the guess in words, which
     * implementation is assumed among how many, or null.
     */
    String guessed(Nesting nesting) {
        List<Events.Call> path = nesting.path();
        for (int i = 0; i < path.size(); i++) {
            Events.Call call = path.get(i);
            List<MethodSummary> implementations = model.targetsAlong(path, i).stream()
                    .filter(target -> (target.access() & Opcodes.ACC_ABSTRACT) == 0).toList();
            if (implementations.size() < 2) {
                continue;
            }
            MethodRef entered = i + 1 < path.size() ? path.get(i + 1).site().method() : nesting.takenAt().method();
            LockId taken = ProgramModel.inCallerTerms(nesting.takenOwn(), path.subList(i, path.size()));
            String node = nodes.nodeOf(nesting.takenOwn());
            for (MethodSummary implementation : implementations) {
                Taking taking = takes(implementation, call, taken, node);
                boolean named = model.isSubtype(call.target().owner(), implementation.method().owner());
                if (taking == Taking.OTHER_LOCKS
                        || named && taking != Taking.THIS_LOCK && !implementation.method().equals(entered)) {
                    return "assumes " + entered + " for " + call.target() + ", one of " + implementations.size()
                            + " implementations, which take different locks";
                }
            }
        }
        return null;
    }

    /** What an implementation a call may run does about one lock. */
    private enum Taking { THIS_LOCK, OTHER_LOCKS, NO_LOCKS }

    /**
     * Whether {@code implementation}, run by {@code call}, blocks to take {@code lock} (in the caller's terms) as the
     * graph node {@code node} (null: as a lock its own method names no node).
     */
    private Taking takes(MethodSummary implementation, Events.Call call, LockId lock, String node) {
        List<Object> key = Arrays.asList(call, implementation.method(), lock, node);
        return implementationTakes.computeIfAbsent(key, k -> {
            Taking taking = Taking.NO_LOCKS;
            for (Reach<Events.Acquisition> reach
                    : model.reachable(implementation.method(), "acquisitions", MethodSummary::acquisitions)) {
                if (!reach.event().blocking()) {
                    continue;
                }
                if (reach.event().lock().kind() == lock.kind() // translation keeps the kind; it is dearer to compare
                        && ProgramModel.inCallerTerms(reach.event().lock(), reach.chainFrom(call)).equals(lock)
                        && Objects.equals(nodes.nodeOf(reach.event().lock()), node)) {
                    return Taking.THIS_LOCK;
                }
                taking = Taking.OTHER_LOCKS;
            }
            return taking;
        });
    }

    private static boolean sameLock(LockId a, LockId b) {
        return a.equals(b) || a.kind().readWrite() && b.kind().readWrite() && a.readWriteBase().equals(b.readWriteBase());
    }

    /**
     * Whether taking {@code taken} while holding the same lock as {@code held} blocks the thread on itself: a
     * read lock upgraded to the write lock, a {@code StampedLock} (not reentrant) taken again in a conflicting mode, or
     * a {@code Semaphore} used as a mutex (its holder releases it) acquired again.
     */
    private boolean blocksOnItself(Nesting nesting) {
        LockKind held = nesting.held().kind();
        LockKind taken = nesting.taken().kind();
        return switch (held) {
            case READ_LOCK -> taken == LockKind.WRITE_LOCK;
            case STAMPED_READ -> taken == LockKind.STAMPED_WRITE;
            case STAMPED_WRITE -> taken == LockKind.STAMPED_READ || taken == LockKind.STAMPED_WRITE;
            case SEMAPHORE -> taken == LockKind.SEMAPHORE && releasesItself(nesting);
            default -> false;
        };
    }

    private boolean releasesItself(Nesting nesting) {
        MethodSummary holder = model.method(nesting.origin());
        return holder != null && holder.releases().stream().anyMatch(r -> r.lock().equals(nesting.held()));
    }

    /**
     * Two distinct objects of one lock node, each a different parameter (or {@code this} and a parameter) or a field
     * of one: a caller passing the same objects the other way round nests them in the opposite order. Objects reached
     * further from the parameters are left to the graph: whether they can be swapped is anyone's guess.
     */
    private static boolean argumentOrder(LockId held, LockId taken) {
        ValuePath heldBase = held.readWriteBase();
        ValuePath takenBase = taken.readWriteBase();
        ValuePath heldRoot = root(heldBase);
        ValuePath takenRoot = root(takenBase);
        return heldRoot != null && takenRoot != null && !heldRoot.equals(takenRoot) && heldBase.depth() <= 1
                && takenBase.depth() <= 1 && held.node().equals(taken.node()) && conflicts(held.kind(), taken.kind());
    }

    /** Whether a thread holding a lock in {@code held} mode keeps out one asking in {@code wanted} mode. */
    static boolean conflicts(LockKind held, LockKind wanted) {
        return held.exclusive() || wanted.exclusive();
    }

    /** The {@code this} or parameter a path starts from, or null if it starts elsewhere (or is null). */
    private static ValuePath root(ValuePath path) {
        ValuePath root = ValuePath.rootOf(path);
        return root instanceof ValuePath.This || root instanceof ValuePath.Param ? root : null;
    }

    /** A lock on an object the method created itself (or a callee did): no other thread can hold it yet. */
    private static boolean anyFresh(List<LockId> views) {
        for (LockId view : views) {
            ValuePath path = view.readWriteBase();
            while (path instanceof ValuePath.InstanceField field) {
                path = field.base();
            }
            if (path instanceof ValuePath.NewObject) {
                return true;
            }
        }
        return false;
    }

    /** Whether a caller could name {@code lock}: it reaches the method as {@code this} or a parameter. */
    private static boolean callersMayName(LockId lock) {
        return lock.kind() != LockKind.SEMAPHORE && root(lock.readWriteBase()) != null;
    }

    /**
     * Whether code outside the analysis may call {@code method} with arguments of its choice: it is public, or no
     * analysed code calls it (as {@link CallerLocks#heldOnEntry} assumes). Otherwise its analysed callers decide the order.
     */
    private boolean callersChooseArguments(MethodRef method) {
        MethodSummary summary = model.method(method);
        return summary != null && !summary.isConstructor() && !summary.isSynthetic()
                && ((summary.access() & Opcodes.ACC_PUBLIC) != 0 || model.callersOf(method).isEmpty());
    }

    private void passToCallers(Nesting nesting, Map<MethodRef, List<Nesting>> callers) {
        if (nesting.holderDepth() >= MAX_CALLER_DEPTH) {
            return;
        }
        List<ProgramModel.CallEdge> calls = model.callersOf(nesting.origin());
        for (ProgramModel.CallEdge call : calls.subList(0, Math.min(calls.size(), MAX_CALLERS))) {
            MethodRef caller = call.caller().method();
            Set<String> callerGates = exclusiveNodes(locksOf(call.call().held().held()), true);
            callerGates.addAll(exclusiveNodes(callerLocks.heldOnEntry(caller), true));
            callers.computeIfAbsent(caller, k -> new ArrayList<>())
                    .add(nesting.seenFrom(caller, call.call(), callerGates));
        }
    }
}
