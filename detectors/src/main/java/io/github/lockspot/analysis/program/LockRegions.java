package io.github.lockspot.analysis.program;

import io.github.lockspot.analysis.api.LockApi;
import io.github.lockspot.analysis.api.ResourceTypes;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.HeldLocks;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.LockKind;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Names;
import io.github.lockspot.analysis.value.Origin;
import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The locked regions of the program, by lock: every place a lock is taken (a {@code synchronized} method's entry
 * included) and what runs while it stays held there, in the region's method and in what the calls made under it
 * reach. Two locks are the same here when they are the same lock-graph node ({@link LockId#node()}); an
 * {@code instance of} node of a program class also matches those of its program subtypes and supertypes (a
 * superclass's {@code synchronized} methods lock the same object as the subclass's); an {@code instance of} a library
 * type ({@code Object} got from a call or a parameter) is no object in particular and matches nothing. Two read holds never exclude each other, so a read region is no
 * contender of another read region.
 */
public final class LockRegions {

    /** The region that starts at {@code acquisition} in {@code method}. */
    public record Region(MethodSummary method, Events.Acquisition acquisition) {
        public LockId lock() {
            return acquisition.lock();
        }

        public Site site() {
            return acquisition.site();
        }
    }

    private static final String INSTANCE = "instance of ";

    private final ProgramModel model;
    private Map<String, List<Region>> byNode;
    private Map<String, List<Events.MonitorUse>> notifiesByNode;

    LockRegions(ProgramModel model) {
        this.model = model;
    }

    /** The regions of every lock that can be {@code lock} and excludes a holder of it. */
    public synchronized List<Region> excluding(LockId lock) {
        if (byNode == null) {
            byNode = index();
        }
        String node = lock.node();
        List<Region> found = new ArrayList<>();
        for (Map.Entry<String, List<Region>> entry : byNode.entrySet()) {
            if (sameObject(node, entry.getKey())) {
                for (Region region : entry.getValue()) {
                    if (!(isRead(lock) && isRead(region.lock()))) {
                        found.add(region);
                    }
                }
            }
        }
        return found;
    }

    /**
     * The events {@code events} selects that run with the region's lock held on every path: in its method (where
     * {@code heldAt} says so), and everywhere the calls made there under the lock reach, with the chain from the
     * region's method. {@code kind} names the selection for {@link ProgramModel#reachable}'s cache.
     */
    public <E> List<Reach<E>> under(Region region, String kind, Function<MethodSummary, List<E>> events,
            Function<E, HeldLocks> heldAt) {
        List<Reach<E>> found = new ArrayList<>();
        LockId lock = region.lock();
        for (E event : events.apply(region.method())) {
            if (heldAt.apply(event).holds(lock)) {
                found.add(new Reach<>(event, List.of()));
            }
        }
        for (Events.Call call : region.method().calls()) {
            if (!call.held().holds(lock)) {
                continue;
            }
            for (MethodSummary target : model.targets(call)) {
                for (Reach<E> reach : model.reachable(target.method(), kind, events)) {
                    found.add(new Reach<>(reach.event(), reach.chainFrom(call)));
                }
            }
        }
        return found;
    }

    /**
     * The first acquisition, from {@code entry} or a method it calls, of a lock that excludes a holder of
     * {@code lock}, or null if there is none. A chain that reaches it only through a call on a library type resolved to
     * one of the program's overrides ({@code Thread.start()} in a pool's code taken for a program thread's
     * {@code start()}, {@link ProgramModel#speculative}) does not count: it is a guess, not evidence.
     */
    public Reach<Events.Acquisition> firstTaking(MethodRef entry, LockId lock) {
        String node = lock.node();
        for (Reach<Events.Acquisition> reach : model.reachable(entry, "acquisitions", MethodSummary::acquisitions)) {
            LockId taken = reach.event().lock();
            if (reach.event().blocking() && sameObject(node, taken.node())
                    && !(isRead(lock) && isRead(taken))
                    && !model.speculative(reach.chain(), reach.event().site().method())) {
                return reach;
            }
        }
        return null;
    }

    /**
     * Every {@code notify()}/{@code signal()} in the program on a lock that can be {@code lock}, or has the same node
     * (an {@code instance of Object} from a call): all that may wake a waiter on it.
     */
    public synchronized List<Events.MonitorUse> notifiesOf(LockId lock) {
        if (notifiesByNode == null) {
            notifiesByNode = new HashMap<>();
            for (MethodSummary method : model.allMethods()) {
                for (Events.MonitorUse use : notifiesIn(method)) {
                    notifiesByNode.computeIfAbsent(use.lock().node(), k -> new ArrayList<>()).add(use);
                }
            }
        }
        List<Events.MonitorUse> found = new ArrayList<>();
        for (Map.Entry<String, List<Events.MonitorUse>> entry : notifiesByNode.entrySet()) {
            if (lock.node().equals(entry.getKey()) || sameObject(lock.node(), entry.getKey())) {
                found.addAll(entry.getValue());
            }
        }
        return found;
    }

    /**
     * Whether a notify can wake a waiter, by what names the two objects. {@link #NAMED}: the same static, or the same
     * field path from the object whose lock the waiter holds and the notifier's region takes (that lock identifies
     * the two sides' roots); {@link #BY_TYPE}: only their lock-graph nodes match (an {@code instance of} type, the
     * same field of some instance); {@link #NEVER}: the notify cannot be what ends the wait, because it is on
     * another object, or on an object its own thread made after taking the lock the waiter holds, which cannot exist
     * while that waiter waits, or because it leaves the waiter's loop condition as it was
     * ({@link #leavesConditionAlone}).
     */
    public enum Wake { NAMED, BY_TYPE, NEVER }

    /**
     * How {@code notify}, reached under {@code region}, relates to a waiter at {@code wait} on {@code awaited} that
     * holds {@code held}, a lock of the region's node; both locks of the waiter in the terms of its root method.
     */
    public Wake wakes(Reach<Events.MonitorUse> notify, Region region, Site wait, LockId awaited, LockId held) {
        LockId inRegion = ProgramModel.inCallerTerms(notify.event().lock(), notify.chain());
        if (!sameObject(notify.event().lock(), awaited) && !sameObject(inRegion, awaited)
                || leavesConditionAlone(wait, notify.event())) {
            return Wake.NEVER;
        }
        ValuePath notified = notify.event().lock().readWriteBase();
        List<Events.Call> chain = notify.chain();
        for (int i = chain.size() - 1; i >= 0 && !(notified instanceof ValuePath.NewObject); i--) {
            notified = ProgramModel.inCallerTerms(notified, chain.subList(i, i + 1));
        }
        if (notified instanceof ValuePath.NewObject made && madeUnder(made, region, notify)) {
            return Wake.NEVER;
        }
        return named(awaited.readWriteBase(), held.readWriteBase(), inRegion.readWriteBase(),
                region.lock().readWriteBase())
                ? Wake.NAMED : Wake.BY_TYPE;
    }

    /**
     * Whether the loop around {@code wait} ({@code while (frozen) gate.wait();}) tests fields only, which the method
     * of {@code notify} never writes and every other method writing them (constructors aside) notifies the same lock
     * itself: that notify leaves the loop's condition as it was, so the waiter waits on, and whoever changes the
     * condition brings its own notify.
     */
    private boolean leavesConditionAlone(Site wait, Events.MonitorUse notify) {
        List<Origin.FieldRead> tested = loopTests(wait);
        if (tested.isEmpty()) {
            return false;
        }
        for (Origin.FieldRead field : tested) {
            for (Events.FieldAccess write : model.fieldStates().writesOf(field.name())) {
                if (!model.related(write.owner(), field.owner())) {
                    continue;
                }
                MethodSummary writer = model.method(write.site().method());
                if (writer == null || writer.method().equals(notify.site().method()) || notifiesIn(writer).stream()
                        .noneMatch(use -> sameObject(use.lock(), notify.lock()))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The fields the loop around {@code site} tests to decide whether {@code site} runs again
     * ({@code while (!open) Thread.sleep(5);}): what ends the loop is a write of one of them. Empty when the loop
     * tests anything else too (a local count of retries, a call's result), or when {@code site} is in no loop.
     */
    public List<Origin.FieldRead> loopTests(Site site) {
        MethodSummary method = model.method(site.method());
        return method == null ? List.of() : loopCondition(method, site);
    }

    /**
     * The notifies of {@code awaited} (in the waiting method's terms) that end a wait at {@code wait} by giving back
     * what the waiter takes: those in other methods that write a field the waiting method writes inside the loop
     * around the wait (a pool's borrow counts {@code idle--} as it takes an object; its return counts
     * {@code idle++} and notifies). Empty when that loop writes no field, or the lock is not named.
     */
    public List<Events.MonitorUse> endersOf(Site wait, LockId awaited) {
        MethodSummary waiting = model.method(wait.method());
        if (waiting == null || awaited == null) {
            return List.of();
        }
        List<Events.FieldAccess> taken = new ArrayList<>();
        for (Events.FieldAccess access : waiting.fieldAccesses()) {
            if (access.write() && waiting.inSameLoop(access.site(), wait)) {
                taken.add(access);
            }
        }
        List<Events.MonitorUse> enders = new ArrayList<>();
        for (Events.MonitorUse use : taken.isEmpty() ? List.<Events.MonitorUse>of() : notifiesOf(awaited)) {
            MethodSummary notifier = model.method(use.site().method());
            if (notifier != null && !notifier.method().equals(waiting.method()) && notifier.fieldAccesses().stream()
                    .anyMatch(write -> write.write() && taken.stream().anyMatch(take -> take.name().equals(write.name())
                            && model.related(take.owner(), write.owner())))) {
                enders.add(use);
            }
        }
        return enders;
    }

    /** The writes of any of {@code fields} (by name, on related types) made with the region's lock held. */
    public List<Reach<Events.FieldAccess>> writesUnder(Region region, List<Origin.FieldRead> fields) {
        List<Reach<Events.FieldAccess>> writes = new ArrayList<>();
        for (Reach<Events.FieldAccess> reach : under(region, "field accesses", MethodSummary::fieldAccesses,
                Events.FieldAccess::held)) {
            Events.FieldAccess access = reach.event();
            if (access.write() && fields.stream().anyMatch(field -> field.name().equals(access.name())
                    && model.related(field.owner(), access.owner()))) {
                writes.add(reach);
            }
        }
        return writes;
    }

    private static List<Origin.FieldRead> loopCondition(MethodSummary method, Site wait) {
        List<Origin.FieldRead> fields = new ArrayList<>();
        for (Events.Branch guard : method.guardsOf(wait)) {
            if (!method.inSameLoop(guard.site(), wait)) {
                continue;
            }
            if (guard.tested() == null || guard.tested().isEmpty()) {
                return List.of();
            }
            for (Origin origin : guard.tested()) {
                if (!(origin instanceof Origin.FieldRead read)) {
                    return List.of();
                }
                fields.add(read);
            }
        }
        return fields;
    }

    /** Whether {@code made} was made with the region's lock held: in a callee under it, or in the region itself. */
    private static boolean madeUnder(ValuePath.NewObject made, Region region, Reach<Events.MonitorUse> notify) {
        MethodRef maker = made.site().method();
        if (!maker.equals(region.method().method())) {
            return maker.equals(notify.event().site().method())
                    || notify.chain().stream().anyMatch(call -> call.site().method().equals(maker));
        }
        for (Events.Call call : region.method().calls()) {
            if (call.target().name().equals("<init>") && made.equals(call.receiver())) {
                return call.held().holds(region.lock());
            }
        }
        return false;
    }

    /**
     * Whether {@code awaited} (the waiter's terms) and {@code notified} (the region's) name one object, given that
     * {@code held} and {@code regionLock} do: the same static, or the same steps from the objects the two locks hang
     * from by the same steps.
     */
    private boolean named(ValuePath awaited, ValuePath held, ValuePath notified, ValuePath regionLock) {
        if (!awaited.precise() || !notified.precise()) {
            return false;
        }
        ValuePath h = held;
        ValuePath l = regionLock;
        while (sameStep(h, l)) {
            h = stepBase(h);
            l = stepBase(l);
        }
        return global(ValuePath.rootOf(awaited)) ? sameSteps(awaited, notified, null, null)
                : h.precise() && l.precise() && sameSteps(awaited, notified, h, l);
    }

    private static boolean global(ValuePath root) {
        return root instanceof ValuePath.StaticField || root instanceof ValuePath.ClassLiteral
                || root instanceof ValuePath.CallResult;
    }

    /** Whether {@code a} from {@code from} is {@code b} from {@code to}, step by step (a global root is itself). */
    private boolean sameSteps(ValuePath a, ValuePath b, ValuePath from, ValuePath to) {
        if (from != null && a.equals(from)) {
            return sameRoot(to, b);
        }
        if (sameStep(a, b)) {
            return sameSteps(stepBase(a), stepBase(b), from, to);
        }
        return from == null && global(a) && a.equals(b);
    }

    private boolean sameRoot(ValuePath a, ValuePath b) {
        if (a instanceof ValuePath.This x && b instanceof ValuePath.This y) {
            return model.related(x.type(), y.type());
        }
        return a.equals(b) || sameStep(a, b) && sameRoot(stepBase(a), stepBase(b));
    }

    /** A field or getter of the same name, declared by related types, on some base. */
    private boolean sameStep(ValuePath a, ValuePath b) {
        if (a instanceof ValuePath.InstanceField x && b instanceof ValuePath.InstanceField y) {
            return x.name().equals(y.name()) && model.related(x.owner(), y.owner());
        }
        return a instanceof ValuePath.CallResult x && b instanceof ValuePath.CallResult y && x.base() != null
                && y.base() != null && x.name().equals(y.name()) && model.related(x.owner(), y.owner());
    }

    private static ValuePath stepBase(ValuePath step) {
        return step instanceof ValuePath.InstanceField field ? field.base() : ((ValuePath.CallResult) step).base();
    }

    /** The {@code notify()}/{@code signal()} uses of {@code method}: what wakes a waiter. */
    public static List<Events.MonitorUse> notifiesIn(MethodSummary method) {
        List<Events.MonitorUse> notifies = new ArrayList<>();
        for (Events.MonitorUse use : method.monitorUses()) {
            if (use.op() == LockApi.Op.NOTIFY) {
                notifies.add(use);
            }
        }
        return notifies;
    }

    /**
     * The single-user I/O resource ({@link ResourceTypes}) {@code lock} belongs to, described ("this (Channel) is a
     * java.io.InputStream", "Channel.lock is a lock of this (Channel), a java.io.Reader"); null if it belongs to none.
     * It belongs to the object it is the monitor or lock of when that object is a resource, and to the object holding
     * it in a field when that field holds a lock object ({@code Object} or a {@code Lock}) rather than an object of
     * its own, such as a pool.
     */
    public String resourceOwning(LockId lock) {
        ValuePath object = lock.readWriteBase();
        String resource = ResourceTypes.resourceOf(object.type(), model::isSubtype);
        if (resource != null) {
            return describe(object) + " is a " + resource.replace('/', '.');
        }
        if (object instanceof ValuePath.InstanceField field
                && (lock.kind() != LockKind.MONITOR || "java/lang/Object".equals(field.type()))) {
            String holder = ResourceTypes.resourceOf(field.base().type(), model::isSubtype);
            if (holder != null) {
                return object.display() + " is a lock of " + describe(field.base()) + ", a "
                        + holder.replace('/', '.');
            }
        }
        return null;
    }

    private static String describe(ValuePath object) {
        return object instanceof ValuePath.This self ? "this (" + Names.simpleName(self.type()) + ")"
                : object.display();
    }

    /** Whether {@code a} and {@code b} can be one lock object (the same node, or related {@code instance of} types). */
    private boolean sameObject(LockId a, LockId b) {
        return sameObject(a.node(), b.node());
    }

    private boolean sameObject(String node, String other) {
        if (!node.startsWith(INSTANCE) || !other.startsWith(INSTANCE)) {
            return node.equals(other);
        }
        String type = node.substring(INSTANCE.length());
        String otherType = other.substring(INSTANCE.length());
        return model.contains(type) && model.contains(otherType) && model.related(type, otherType);
    }

    /** A read hold: of a read lock, or of a lock got from {@code readLock()} (kept in a field of type {@code Lock}). */
    public static boolean isRead(LockId lock) {
        return lock.kind() == LockKind.READ_LOCK || lock.kind() == LockKind.STAMPED_READ
                || lock.path() instanceof ValuePath.CallResult view && view.name().equals("readLock");
    }

    private Map<String, List<Region>> index() {
        Map<String, List<Region>> regions = new HashMap<>();
        for (MethodSummary method : model.allMethods()) {
            for (Events.Acquisition acquisition : method.acquisitions()) {
                if (acquisition.lock().kind() != LockKind.SEMAPHORE) {
                    regions.computeIfAbsent(acquisition.lock().node(), k -> new ArrayList<>())
                            .add(new Region(method, acquisition));
                }
            }
        }
        return regions;
    }
}
