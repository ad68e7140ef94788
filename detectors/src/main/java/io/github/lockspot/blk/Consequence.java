package io.github.lockspot.blk;

import edu.umd.cs.findbugs.Priorities;
import io.github.lockspot.analysis.api.BlockingCalls.Category;
import io.github.lockspot.analysis.api.ResourceTypes;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.Hold;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.BlockingSites.Blocking;
import io.github.lockspot.analysis.program.LockRegions;
import io.github.lockspot.analysis.program.LockRegions.Region;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.program.Reach;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Names;
import io.github.lockspot.analysis.value.Origin;
import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What blocking under a lock costs, by the rules of the README's "BLK priorities", first match wins:
 * <ol>
 *   <li>LOW: one-time initialisation: the blocking runs only while state that goes from null to set once is null (a
 *       field the region then sets, or one no code sets back to null), or while a field has its starting value and
 *       the code under that test sets it, so at most until that first set;
 *   <li>HIGH: what ends the wait needs the held lock — the notifier of the awaited lock (on the same object, by
 *       {@link LockRegions#wakes}; one related by type alone is only mentioned), the other user of the awaited
 *       queue, latch or future, a task launched by the same class, or the write that ends a sleep's polling loop —
 *       so the two can deadlock (or, for a timed wait, the waiter always waits its whole timeout);
 *   <li>LOW: a hand-off wait, whose every notifier is a thread already inside the waiting method; a lock object
 *       confined to the call; a timed wait (a sleep included); a shutdown join of a thread whose run() never takes
 *       the held lock; I/O under a lock of the I/O resource itself (a stream's, a connection's), which exists to
 *       serialise that resource's use; I/O under a read hold, which stalls writers only; local I/O in a method named
 *       for start-up (a guess); a wait whose notifiers are all reached without the held lock, even by type;
 *   <li>NORMAL: another region of the lock does other work and stalls behind the blocking (named);
 *   <li>LOW: every region of the lock blocks in the same way: the lock exists to serialise that resource.
 * </ol>
 */
final class Consequence {

    /** A priority and the rule that gave it, with its evidence, as the report's message says it. */
    record Rank(int priority, String rule) {
    }

    /** Categories whose waits another thread ends, which may be a task the blocking class launched. */
    private static final Set<Category> ENDED_BY_TASKS = EnumSet.of(Category.JOIN, Category.FUTURE, Category.EXECUTOR,
            Category.QUEUE, Category.SYNCHRONIZER, Category.PARK);
    /** Categories whose waits another user of the awaited object ends: a put ends a take, a countDown an await. */
    private static final Set<Category> ENDED_BY_USERS = EnumSet.of(Category.QUEUE, Category.SYNCHRONIZER,
            Category.FUTURE);
    /** Method names that say the code stops something: the threads it joins there are being stopped. */
    private static final Pattern STOPPING = Pattern.compile("(?i)stop|close|shutdown|halt|terminate|destroy|dispose");
    /** Names of methods that start or initialise a component: {@code start}, {@code initInternal}, {@code boot}. */
    private static final Pattern START_UP = Pattern.compile("(start|startup|init|initialize|boot)([A-Z]\\w*)?"
            + "|[a-z]\\w*(Start|Startup|Init|Initialize|Boot)([A-Z]\\w*)?");
    private static final String NOTIFIES = "BLK notifies";
    private static final String CALLS = "BLK calls";

    private final ProgramModel model;
    private final LockRegions regions;
    private final String blockingKind;
    private final Function<MethodSummary, List<Blocking>> blockingIn;

    /** {@code blockingIn} and {@code blockingKind} are the finder's selection of blocking and its cache name. */
    Consequence(ProgramModel model, String blockingKind, Function<MethodSummary, List<Blocking>> blockingIn) {
        this.model = model;
        this.regions = model.lockRegions();
        this.blockingKind = blockingKind;
        this.blockingIn = blockingIn;
    }

    /**
     * The most urgent rank over the locks held while {@code blocking} blocks, reached from {@code method} through
     * {@code chain}; {@code released} is the lock a wait releases in {@code method}'s terms (null if not named).
     */
    Rank of(MethodSummary method, Blocking blocking, List<Events.Call> chain, List<Hold> locks, LockId released) {
        Waiter waiter = new Waiter(method, blocking, chain, released != null ? released : blocking.releases());
        Rank best = null;
        for (Hold hold : locks) {
            Rank rank = of(waiter, hold);
            if (best == null || rank.priority() < best.priority()) {
                best = rank;
            }
        }
        return best;
    }

    /**
     * A thread blocking at {@code blocking}, reached from {@code method} through {@code chain}; {@code released} the
     * lock a wait releases, in {@code method}'s terms if they name it (a lock passed down to a helper that waits on a
     * parameter), else null for other blocking.
     */
    private record Waiter(MethodSummary method, Blocking blocking, List<Events.Call> chain, LockId released) {
        /** The methods from the lock holder to the blocking one, in call order. */
        List<MethodRef> path() {
            List<MethodRef> path = new ArrayList<>();
            for (Events.Call call : chain) {
                path.add(call.site().method());
            }
            path.add(blocking.site().method());
            return path;
        }

        /** Whether {@code other} is a method the waiter runs below the lock holder: the chain's callees. */
        boolean runsIn(MethodRef other) {
            for (int i = 1; i < chain.size(); i++) {
                if (chain.get(i).site().method().equals(other)) {
                    return true;
                }
            }
            return blocking.site().method().equals(other);
        }
    }

    private Rank of(Waiter waiter, Hold hold) {
        String initialised = lazilyInitialised(waiter, hold.lock());
        if (initialised != null) {
            return new Rank(Priorities.LOW_PRIORITY, "LOW, one-time initialisation: it runs only while "
                    + initialised);
        }
        Party party = dependency(waiter, hold);
        if (party != null && party.bypass() != null) {
            return new Rank(Priorities.LOW_PRIORITY, "LOW, woken without it: " + party.bypass() + "; "
                    + party.what() + ", is not the only way out");
        }
        if (party != null && !party.assumed()) {
            return new Rank(Priorities.HIGH_PRIORITY, "HIGH, deadlock: what ends the wait needs "
                    + hold.lock().display() + " (" + party.what() + ")"
                    + (waiter.blocking().timed() && waiter.blocking().category() != Category.SLEEP
                            ? ", so the wait always lasts its whole timeout" : ""));
        }
        Rank rank = otherwise(waiter, hold, party == null);
        return party == null ? rank : new Rank(rank.priority(), rank.rule() + "; not a deadlock by type alone: "
                + party.what() + ", is on an object only its type relates to the awaited one");
    }

    /**
     * What ends a wait and needs the held lock: {@code assumed} when the two sides' objects are related by type alone
     * (an {@code instance of} node, the same field of objects the two sides name differently), which does not rank;
     * {@code bypass}, if not null, a notifier that gives back what the waiter takes and needs no region of the held
     * lock, so the wait ends without it.
     */
    private record Party(String what, boolean assumed, String bypass) {
        Party(String what, boolean assumed) {
            this(what, assumed, null);
        }
    }

    /**
     * The rank by the rules after the deadlock one; {@code noParty} when nothing that ends the wait is seen to need
     * the held lock, not even on an object related by type alone.
     */
    private Rank otherwise(Waiter waiter, Hold hold, boolean noParty) {
        MethodSummary method = waiter.method();
        Blocking blocking = waiter.blocking();
        LockId lock = hold.lock();
        String name = lock.display();
        if (waiter.released() != null && isHandOff(waiter)) {
            return new Rank(Priorities.LOW_PRIORITY, "LOW, hand-off: every notify of " + waiter.released().display()
                    + " is in the waiting code itself, by a thread already past " + name);
        }
        if (isConfined(method, lock)) {
            return new Rank(Priorities.LOW_PRIORITY, "LOW, confined: no other thread can reach " + name + " yet");
        }
        if (blocking.timed()) {
            return new Rank(Priorities.LOW_PRIORITY, "LOW, timed wait: nothing that ends it needs " + name);
        }
        String joined = noParty ? joinedThreadType(blocking) : null;
        // "never takes it" is evidence only if the search from run() saw every method it can run
        String stopping = joined != null && model.reachesEverything(new MethodRef(joined, "run", "()V"))
                ? stopping(waiter) : null;
        if (stopping != null) {
            return new Rank(Priorities.LOW_PRIORITY, "LOW, shutdown join: the joined " + Names.simpleName(joined)
                    + ".run() never takes " + name + " (every method it can run is analysed), and " + stopping
                    + ", so the join lasts as long as the thread takes to stop");
        }
        String resource = blocking.category().io() ? regions.resourceOwning(lock) : null;
        if (resource != null) {
            return new Rank(Priorities.LOW_PRIORITY, "LOW, the lock belongs to the resource: " + resource
                    + ", whose own I/O the lock serialises");
        }
        if (blocking.category().io() && LockRegions.isRead(lock)) {
            return new Rank(Priorities.LOW_PRIORITY, "LOW, read hold: other readers share " + name
                    + ", so the I/O stalls only writers, which the read-write lock keeps out while it reads");
        }
        String startUp = isLocalIo(blocking) && START_UP.matcher(method.method().name()).matches()
                ? method.method().toString() : null;
        if (startUp != null) {
            return new Rank(Priorities.LOW_PRIORITY, "LOW, start-up (guessed from the name): " + startUp
                    + " reads or writes local files while it starts, before other work needs " + name);
        }
        if (noParty && waiter.released() != null && hasNotifier(waiter)) {
            return new Rank(Priorities.LOW_PRIORITY, "LOW, woken without it: no notify of "
                    + waiter.released().display() + " is reached with " + name + " taken, so the wait ends as soon "
                    + "as its notifier runs, which needs nothing the waiter holds");
        }
        Region contender = contender(method, blocking, hold);
        if (contender != null) {
            return new Rank(Priorities.NORMAL_PRIORITY, "NORMAL, stalls other work: "
                    + contender.method().method() + " takes " + name);
        }
        return new Rank(Priorities.LOW_PRIORITY, "LOW, serialises the resource: every region of " + name
                + " blocks like this one");
    }

    /** Whether {@code region} is where the finding's own lock was taken. */
    private static boolean isOwn(Region region, MethodSummary method, Hold hold) {
        return region.method().method().equals(method.method()) && region.site().equals(hold.acquiredAt());
    }

    /**
     * What ends the wait and needs {@code hold}'s lock first, described; an assumed one only when nothing else is
     * seen to; null if nothing is.
     */
    private Party dependency(Waiter waiter, Hold hold) {
        Blocking blocking = waiter.blocking();
        MethodRef waiting = blocking.site().method();
        Party assumed = null;
        for (Region region : regions.excluding(hold.lock())) {
            if (isOwn(region, waiter.method(), hold)) {
                continue;
            }
            if (waiter.released() != null) {
                for (Reach<Events.MonitorUse> reach : regions.under(region, NOTIFIES, LockRegions::notifiesIn,
                        Events.MonitorUse::held)) {
                    Site at = reach.event().site();
                    if (waiter.runsIn(at.method())) {
                        continue;
                    }
                    String notifier = "the notify in " + at.method() + ", reached from " + region.method().method()
                            + " with the lock taken";
                    LockRegions.Wake wake = regions.wakes(reach, region, blocking.site(), waiter.released(),
                            hold.lock());
                    if (wake == LockRegions.Wake.NAMED) {
                        return new Party(notifier, false, bypass(waiter, hold));
                    }
                    if (wake == LockRegions.Wake.BY_TYPE && assumed == null) {
                        assumed = new Party(notifier, true);
                    }
                }
            }
            String key = ENDED_BY_USERS.contains(blocking.category()) ? awaitedKey(blocking) : null;
            if (key != null) {
                for (Reach<Events.Call> reach : regions.under(region, CALLS, MethodSummary::calls,
                        Events.Call::held)) {
                    Events.Call other = reach.event();
                    if (other.receiver() != null && key.equals(other.receiver().abstractKey())
                            && !other.target().name().equals(blocking.call().target().name())
                            && !other.site().method().equals(waiting)) {
                        return new Party(other.target() + " on " + other.receiver().display() + " in "
                                + other.site().method() + ", with the lock taken", false);
                    }
                }
            }
        }
        Party polled = blocking.category() == Category.SLEEP ? pollingEnder(waiter, hold) : null;
        if (polled != null) {
            return polled;
        }
        String joined = joinedThreadType(blocking);
        if (joined != null) {
            Reach<Events.Acquisition> taking = regions.firstTaking(new MethodRef(joined, "run", "()V"), hold.lock());
            return taking == null ? assumed : new Party("the joined thread's " + Names.simpleName(joined)
                    + ".run(), which takes it in " + taking.event().site().method(), false);
        }
        if (ENDED_BY_TASKS.contains(blocking.category())) {
            String nest = nest(waiting.owner());
            for (Map.Entry<MethodRef, Site> entry : model.threadEntryPoints().entrySet()) {
                boolean launchedHere = entry.getValue().method().equals(waiting);
                boolean ofTheClass = nest.equals(nest(entry.getKey().owner()))
                        || nest.equals(nest(entry.getValue().method().owner()));
                // a future comes from a launch in the waiting method, or is stored (a field); else it is a library's
                boolean awaited = blocking.category() == Category.FUTURE
                        ? launchedHere || ofTheClass && awaitedKey(blocking) != null : ofTheClass;
                if (!awaited) {
                    continue;
                }
                Reach<Events.Acquisition> taking = regions.firstTaking(entry.getKey(), hold.lock());
                if (taking != null) {
                    Site at = taking.event().site();
                    return new Party("assumed: the task " + entry.getKey() + " its class launches, which takes it"
                            + " in " + at.method(), false);
                }
            }
        }
        return assumed;
    }

    /**
     * A notify of the awaited lock that gives back what the waiter takes ({@link LockRegions#endersOf}) and that no
     * region of {@code hold}'s lock reaches, the waiter's own included (another thread running it needs the lock too),
     * described; null if every such notify needs the lock, or none is known. A notify under the lock that is not of
     * these (a pool's {@code clear()} from a {@code close()}) then is not the only way out of the wait.
     */
    private String bypass(Waiter waiter, Hold hold) {
        List<Events.MonitorUse> enders = regions.endersOf(waiter.blocking().site(), waiter.blocking().releases());
        if (enders.isEmpty()) {
            return null;
        }
        Set<Site> reached = new HashSet<>();
        for (Region region : regions.excluding(hold.lock())) {
            for (Reach<Events.MonitorUse> reach : regions.under(region, NOTIFIES, LockRegions::notifiesIn,
                    Events.MonitorUse::held)) {
                reached.add(reach.event().site());
            }
        }
        for (Events.MonitorUse ender : enders) {
            if (!reached.contains(ender.site()) && !waiter.runsIn(ender.site().method())) {
                return "the notify in " + ender.site().method() + ", which gives back what the wait takes, is reached "
                        + "with no region of " + hold.lock().display() + " taken";
            }
        }
        return null;
    }

    /**
     * For a sleep in a loop that polls fields ({@code while (!open) Thread.sleep(5);}), a write of one of them reached
     * with {@code hold}'s lock taken in another region: the sleeper wakes only to sleep again until that write, which
     * cannot run while it holds the lock. Null if no such write is seen.
     */
    private Party pollingEnder(Waiter waiter, Hold hold) {
        List<Origin.FieldRead> polled = regions.loopTests(waiter.blocking().site());
        if (polled.isEmpty()) {
            return null;
        }
        for (Region region : regions.excluding(hold.lock())) {
            if (isOwn(region, waiter.method(), hold)) {
                continue;
            }
            for (Reach<Events.FieldAccess> reach : regions.writesUnder(region, polled)) {
                Events.FieldAccess write = reach.event();
                if (!waiter.runsIn(write.site().method())) {
                    return new Party("the write of " + Names.simpleName(write.owner()) + "." + write.name()
                            + ", which the loop around the sleep polls, in " + write.site().method() + ", reached from "
                            + region.method().method() + " with the lock taken", false);
                }
            }
        }
        return null;
    }

    /** For a join of a thread of one of the program's own {@code Thread} classes, that class: its run() ends the join. */
    private String joinedThreadType(Blocking blocking) {
        if (blocking.category() != Category.JOIN || blocking.call() == null || blocking.call().receiver() == null) {
            return null;
        }
        String type = blocking.call().receiver().type();
        return type != null && model.contains(type) && model.method(new MethodRef(type, "run", "()V")) != null
                ? type : null;
    }

    /**
     * Why a join is of a thread told to stop, or null: the joining method interrupts the same thread first, or a method
     * on the way to the join is named for stopping ({@link #STOPPING}, a guess the message states).
     */
    private String stopping(Waiter waiter) {
        Events.Call join = waiter.blocking().call();
        MethodSummary joining = model.method(waiter.blocking().site().method());
        for (Events.Call call : joining == null ? List.<Events.Call>of() : joining.calls()) {
            if (call.target().name().equals("interrupt") && join.receiver().equals(call.receiver())
                    && call.site().insn() < join.site().insn()) {
                return "the joining " + joining.method() + " interrupts it first";
            }
        }
        for (MethodRef step : waiter.path()) {
            if (STOPPING.matcher(step.name()).find()) {
                return "the join is on the way from " + step + ", by its name a shutdown";
            }
        }
        return null;
    }

    /** Whether {@code blocking} is I/O on a stream or file, not a conversation with a peer (a socket, a database). */
    private static boolean isLocalIo(Blocking blocking) {
        if (blocking.category() != Category.IO || blocking.call() == null) {
            return false;
        }
        // a stream got from a socket or connection (socket.getInputStream().read()) talks to the peer too
        String source = blocking.call().receiver() instanceof ValuePath.CallResult made ? made.owner() : null;
        return !ResourceTypes.talksToPeer(blocking.call().target().owner()) && !ResourceTypes.talksToPeer(source);
    }

    /** The abstract key of a catalogued call's receiver when it names one object across methods (a field). */
    private static String awaitedKey(Blocking blocking) {
        if (blocking.call() == null || !(blocking.call().receiver() instanceof ValuePath.InstanceField
                || blocking.call().receiver() instanceof ValuePath.StaticField)) {
            return null;
        }
        return blocking.call().receiver().abstractKey();
    }

    private static String nest(String owner) {
        int inner = owner.indexOf('$');
        return inner < 0 ? owner : owner.substring(0, inner);
    }

    /**
     * Whether the program notifies the awaited lock anywhere, named in the root's terms or in the waiting method's
     * (a lock made or got there): what ends the wait is then program code, which the deadlock rule has looked at.
     */
    private boolean hasNotifier(Waiter waiter) {
        LockId own = waiter.blocking().releases();
        return !regions.notifiesOf(waiter.released()).isEmpty() || own != null && !regions.notifiesOf(own).isEmpty();
    }

    /**
     * Whether every notify of the awaited lock is in the code the waiter runs below the holder: the waiter waits for a
     * peer already there.
     */
    private boolean isHandOff(Waiter waiter) {
        List<Events.MonitorUse> notifies = regions.notifiesOf(waiter.released());
        if (notifies.isEmpty()) {
            return false;
        }
        for (Events.MonitorUse use : notifies) {
            if (!waiter.runsIn(use.site().method())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether no other thread can reach the lock object yet: it is made in this method and neither stored nor passed
     * on, or it is the object {@code readObject} is deserialising.
     */
    private static boolean isConfined(MethodSummary method, LockId lock) {
        ValuePath path = lock.path();
        if (path instanceof ValuePath.This) {
            return method.method().name().equals("readObject")
                    && method.method().desc().equals("(Ljava/io/ObjectInputStream;)V");
        }
        if (!(path instanceof ValuePath.NewObject)) {
            return false;
        }
        for (Events.Call call : method.calls()) {
            if (call.args().contains(path)) {
                return false;
            }
        }
        for (Events.FieldAccess access : method.fieldAccesses()) {
            if (access.write() && path.equals(access.written())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The one-time state whose test alone lets the blocking run, described, or null. At any step of the chain, the
     * blocking method's included: a field tested for its starting value (null, zero, false or a constant compared for
     * equality) that the code under the test then sets to something else ({@code if (epoch == -1) epoch = read();}),
     * with the lock held in the region's method; for a null test in the region's method, a field the region writes
     * with the lock held ({@code if (cached == null) { cached = load(); }}); either only if no code clears the field
     * back to null, zero or false (a cache emptied to be filled again is not one-time); and for a null test, state no
     * code sets back to null once set ({@code while (addrs.get() == null) lock.wait();},
     * {@link io.github.lockspot.analysis.program.FieldStates}). Either way it blocks at most until the state is first
     * set, and a notify that ends it is that first set.
     */
    private String lazilyInitialised(Waiter waiter, LockId lock) {
        List<Events.Call> chain = waiter.chain();
        for (int step = 0; step <= chain.size(); step++) {
            Site site = step < chain.size() ? chain.get(step).site() : waiter.blocking().site();
            MethodSummary method = step == 0 ? waiter.method() : model.method(site.method());
            for (Events.Branch guard : method == null ? List.<Events.Branch>of() : method.guardsOf(site)) {
                if (!guard.whenUnset() || guard.tested() == null || guard.tested().isEmpty()) {
                    continue;
                }
                // the region's own null test may be followed by the set anywhere under the lock; other tests set it
                // under themselves, and below the region's method the whole callee runs with the lock held
                Events.Branch within = guard.nullCheck() && step == 0 ? null : guard;
                LockId heldBy = step == 0 ? lock : null;
                for (Origin tested : guard.tested()) {
                    if (tested instanceof Origin.FieldRead read && setsUnder(method, within, read, heldBy)
                            && model.fieldStates().neverResetToDefault(read)) {
                        return Names.simpleName(read.owner()) + "." + read.name() + (guard.nullCheck() ? " is null"
                                : " has its starting value") + ", and the code under that test sets it";
                    }
                }
                if (guard.nullCheck() && guard.tested().stream().allMatch(model.fieldStates()::neverResetToNull)) {
                    return stateName(guard.tested().iterator().next()) + " is null, which no code sets back to null "
                            + "once set";
                }
            }
        }
        return null;
    }

    private static String stateName(Origin tested) {
        return tested instanceof Origin.FieldRead read ? Names.simpleName(read.owner()) + "." + read.name()
                : tested.object().display() + "." + ((Origin.CallRead) tested).name() + "()";
    }

    /**
     * Whether {@code method} sets the field {@code read} read to a value other than null, zero or false: within
     * {@code guard}'s range if it is not null, with {@code lock} held if it is not null.
     */
    private static boolean setsUnder(MethodSummary method, Events.Branch guard, Origin.FieldRead read, LockId lock) {
        for (Events.FieldAccess access : method.fieldAccesses()) {
            if (access.write() && !access.storesDefault() && access.owner().equals(read.owner())
                    && access.name().equals(read.name()) && (guard == null || guard.covers(access.site().insn()))
                    && (lock == null || access.held().holds(lock))) {
                return true;
            }
        }
        return false;
    }

    /** Another region of the lock that does not block in this way: the work that stalls behind it. */
    private Region contender(MethodSummary method, Blocking blocking, Hold hold) {
        Region sameMethod = null;
        for (Region region : regions.excluding(hold.lock())) {
            if (isOwn(region, method, hold) || blocksAlike(region, blocking)) {
                continue;
            }
            if (!region.method().method().equals(method.method())) {
                return region;
            }
            sameMethod = region;
        }
        return sameMethod;
    }

    private boolean blocksAlike(Region region, Blocking blocking) {
        for (Reach<Blocking> reach : regions.under(region, blockingKind, blockingIn, Blocking::held)) {
            Category other = reach.event().category();
            if (other == blocking.category() || other.io() && blocking.category().io()) {
                return true;
            }
        }
        return false;
    }
}
