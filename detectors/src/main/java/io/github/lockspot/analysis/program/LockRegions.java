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
                    List<Events.Call> chain = new ArrayList<>(reach.chain().size() + 1);
                    chain.add(call);
                    chain.addAll(reach.chain());
                    found.add(new Reach<>(reach.event(), List.copyOf(chain)));
                }
            }
        }
        return found;
    }

    /**
     * The first acquisition, from {@code entry} or a method it calls, of a lock that excludes a holder of
     * {@code lock}, or null if there is none.
     */
    public Reach<Events.Acquisition> firstTaking(MethodRef entry, LockId lock) {
        String node = lock.node();
        for (Reach<Events.Acquisition> reach : model.reachable(entry, "acquisitions", MethodSummary::acquisitions)) {
            LockId taken = reach.event().lock();
            if (reach.event().blocking() && sameObject(node, taken.node())
                    && !(isRead(lock) && isRead(taken))) {
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
    public boolean sameObject(LockId a, LockId b) {
        return sameObject(a.node(), b.node());
    }

    private boolean sameObject(String node, String other) {
        if (!node.startsWith(INSTANCE) || !other.startsWith(INSTANCE)) {
            return node.equals(other);
        }
        String type = node.substring(INSTANCE.length());
        String otherType = other.substring(INSTANCE.length());
        return model.contains(type) && model.contains(otherType)
                && (model.isSubtype(type, otherType) || model.isSubtype(otherType, type));
    }

    /** A read hold: of a read lock, or of a lock got from {@code readLock()} (kept in a field of type {@code Lock}). */
    private static boolean isRead(LockId lock) {
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
