package io.github.lockspot.analysis.api;

import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.LockKind;
import io.github.lockspot.analysis.value.Names;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.List;
import java.util.Set;

/**
 * The catalogue of JDK calls that take, try, release, wait on or signal a lock, and the lock each one acts on. The one
 * place that knows lock APIs; everything else asks it.
 */
public final class LockApi {

    /** What a call does to a lock. */
    public enum Op {
        /** Blocks until the lock is held: {@code lock()}, {@code lockInterruptibly()}, {@code acquire()}, ... */
        ACQUIRE,
        /** Takes the lock only if free, returning whether it did: {@code tryLock()}, {@code tryAcquire()}. */
        TRY_ACQUIRE,
        /** Takes the lock only if free, returning a stamp that is zero on failure: {@code StampedLock.tryWriteLock()}. */
        TRY_ACQUIRE_STAMP,
        RELEASE,
        /** Releases the lock while waiting and takes it back before returning: {@code wait()}, {@code Condition.await()}. */
        WAIT,
        /** Must own the lock: {@code notify()}, {@code Condition.signal()}. */
        NOTIFY
    }

    /**
     * A call's effect on {@code lock}; {@code interruptible} for acquisitions that throw when the waiting thread is
     * interrupted ({@code lockInterruptibly()}, {@code Semaphore.acquire()}), where a plain {@code lock()} throws only
     * errors.
     */
    public record Effect(Op op, LockId lock, boolean interruptible) {
        Effect(Op op, LockId lock) {
            this(op, lock, false);
        }
    }

    private static final String LOCK = "java/util/concurrent/locks/Lock";
    private static final String REENTRANT_LOCK = "java/util/concurrent/locks/ReentrantLock";
    private static final String READ_LOCK = "java/util/concurrent/locks/ReentrantReadWriteLock$ReadLock";
    private static final String WRITE_LOCK = "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock";
    private static final String STAMPED = "java/util/concurrent/locks/StampedLock";
    private static final String SEMAPHORE = "java/util/concurrent/Semaphore";
    private static final String CONDITION = "java/util/concurrent/locks/Condition";
    private static final String GUAVA_MONITOR = "com/google/common/util/concurrent/Monitor";
    private static final Set<String> LOCK_TYPES = Set.of(LOCK, REENTRANT_LOCK, READ_LOCK, WRITE_LOCK);
    private static final String SYNCHRONIZER = "java/util/concurrent/locks/AbstractQueuedSynchronizer";
    private static final Set<String> SYNCHRONIZER_LOCK_NAMES = Set.of("lock", "lockInterruptibly", "tryLock",
            "unlock");
    private static final Set<String> READ_WRITE_TYPES = Set.of("java/util/concurrent/locks/ReadWriteLock",
            "java/util/concurrent/locks/ReentrantReadWriteLock", STAMPED);

    /** The JDK types whose calls this catalogue knows, most specific first, for {@link #lockTypeOf}. */
    private static final List<String> CATALOGUED = List.of(READ_LOCK, WRITE_LOCK, REENTRANT_LOCK,
            "java/util/concurrent/locks/ReentrantReadWriteLock", STAMPED, SEMAPHORE, LOCK,
            "java/util/concurrent/locks/ReadWriteLock", CONDITION);

    private LockApi() {
    }

    /** Names of the catalogued types' methods that act on a lock or name a view of one ({@code await...} aside). */
    private static final Set<String> LOCK_METHOD_NAMES = Set.of("lock", "lockInterruptibly", "tryLock", "unlock",
            "acquire", "acquireUninterruptibly", "tryAcquire", "release", "readLock", "readLockInterruptibly",
            "writeLock", "writeLockInterruptibly", "tryReadLock", "tryWriteLock", "unlockRead", "unlockWrite",
            "asReadLock", "asWriteLock", "newCondition", "signal", "signalAll");

    /**
     * The catalogued JDK type that {@code owner}, the owner of a call to {@code name}, is or extends: a call to
     * {@code lock()} on a {@code class PoolLock extends ReentrantLock} acts as {@code ReentrantLock.lock()}, and on a
     * subclass of {@code AbstractQueuedSynchronizer} as {@code Lock.lock()}. Other
     * owners, JDK classes included, stay as they are, and so do calls to methods no lock type has: asking SpotBugs
     * about every call's owner made it load the class hierarchy of every library type the program calls, which it
     * keeps for the whole run.
     */
    public static String lockTypeOf(String owner, String name, Supertypes supertypes) {
        if (owner.startsWith("java/") || owner.startsWith("javax/") || owner.startsWith("[")
                || !LOCK_METHOD_NAMES.contains(name) && !name.startsWith("await")) {
            return owner;
        }
        for (String type : CATALOGUED) {
            if (supertypes.isSubtype(owner, type)) {
                return type;
            }
        }
        // A synchronizer of the program's own offering lock()/unlock() (Groovy's LockableObject, the Worker of
        // ThreadPoolExecutor and its copies) is an exclusive lock.
        if (SYNCHRONIZER_LOCK_NAMES.contains(name) && supertypes.isSubtype(owner, SYNCHRONIZER)) {
            return LOCK;
        }
        return owner;
    }

    /**
     * The effect of calling {@code owner.name desc} on {@code receiver} (null for static calls), or null if the call
     * does nothing to a lock.
     */
    public static Effect effectOf(String owner, String name, String desc, ValuePath receiver) {
        if (receiver == null) {
            return null;
        }
        if (isObjectMonitorCall(name, desc)) {
            return new Effect(name.equals("wait") ? Op.WAIT : Op.NOTIFY, new LockId(LockKind.MONITOR, receiver));
        }
        if (LOCK_TYPES.contains(owner)) {
            return lockCall(owner, name, desc, receiver);
        }
        return switch (owner) {
            case SEMAPHORE -> semaphoreCall(name, desc, receiver);
            case STAMPED -> stampedCall(name, desc, receiver);
            case CONDITION -> conditionCall(name, receiver);
            case GUAVA_MONITOR -> guavaMonitorCall(name, desc, receiver);
            default -> null;
        };
    }

    /** {@code Object.wait/notify/notifyAll}: final in Object, so name and descriptor identify them on any owner. */
    private static boolean isObjectMonitorCall(String name, String desc) {
        return switch (name) {
            case "wait" -> desc.equals("()V") || desc.equals("(J)V") || desc.equals("(JI)V");
            case "notify", "notifyAll" -> desc.equals("()V");
            default -> false;
        };
    }

    private static Effect lockCall(String owner, String name, String desc, ValuePath receiver) {
        LockId lock = new LockId(lockKindOf(owner, receiver), receiver);
        return switch (name) {
            case "lock" -> new Effect(Op.ACQUIRE, lock);
            case "lockInterruptibly" -> new Effect(Op.ACQUIRE, lock, true);
            case "tryLock" -> new Effect(Op.TRY_ACQUIRE, lock);
            case "unlock" -> desc.equals("()V") ? new Effect(Op.RELEASE, lock) : null;
            default -> null;
        };
    }

    /** The kind of a {@code Lock} receiver: the read or write half of a read-write lock, or an exclusive lock. */
    private static LockKind lockKindOf(String owner, ValuePath receiver) {
        if (receiver instanceof ValuePath.CallResult view && READ_WRITE_TYPES.contains(view.owner())) {
            switch (view.name()) {
                case "readLock", "asReadLock":
                    return view.owner().equals(STAMPED) ? LockKind.STAMPED_READ : LockKind.READ_LOCK;
                case "writeLock", "asWriteLock":
                    return view.owner().equals(STAMPED) ? LockKind.STAMPED_WRITE : LockKind.WRITE_LOCK;
                default:
                    break;
            }
        }
        if (owner.equals(READ_LOCK) || receiver.type().equals(READ_LOCK)) {
            return LockKind.READ_LOCK;
        }
        if (owner.equals(WRITE_LOCK) || receiver.type().equals(WRITE_LOCK)) {
            return LockKind.WRITE_LOCK;
        }
        return LockKind.LOCK;
    }

    private static Effect semaphoreCall(String name, String desc, ValuePath receiver) {
        LockId permits = new LockId(LockKind.SEMAPHORE, receiver);
        return switch (name) {
            case "acquire" -> new Effect(Op.ACQUIRE, permits, true);
            case "acquireUninterruptibly" -> new Effect(Op.ACQUIRE, permits);
            case "tryAcquire" -> new Effect(Op.TRY_ACQUIRE, permits);
            case "release" -> new Effect(Op.RELEASE, permits);
            default -> null;
        };
    }

    /**
     * Guava's {@code Monitor}, an exclusive reentrant lock: the {@code enter...} methods take it (those returning a
     * boolean only when it is true), {@code leave()} releases it.
     */
    private static Effect guavaMonitorCall(String name, String desc, ValuePath receiver) {
        LockId monitor = new LockId(LockKind.LOCK, receiver);
        if (name.equals("leave")) {
            return desc.equals("()V") ? new Effect(Op.RELEASE, monitor) : null;
        }
        if (name.startsWith("enter") || name.startsWith("tryEnter")) {
            return new Effect(desc.endsWith(")Z") ? Op.TRY_ACQUIRE : Op.ACQUIRE, monitor,
                    name.endsWith("Interruptibly"));
        }
        return null;
    }

    private static Effect stampedCall(String name, String desc, ValuePath receiver) {
        return switch (name) {
            case "writeLock", "writeLockInterruptibly" -> desc.endsWith(")J") ? new Effect(Op.ACQUIRE,
                    new LockId(LockKind.STAMPED_WRITE, receiver), name.endsWith("Interruptibly")) : null;
            case "readLock", "readLockInterruptibly" -> desc.endsWith(")J") ? new Effect(Op.ACQUIRE,
                    new LockId(LockKind.STAMPED_READ, receiver), name.endsWith("Interruptibly")) : null;
            case "tryWriteLock" -> new Effect(Op.TRY_ACQUIRE_STAMP, new LockId(LockKind.STAMPED_WRITE, receiver));
            case "tryReadLock" -> new Effect(Op.TRY_ACQUIRE_STAMP, new LockId(LockKind.STAMPED_READ, receiver));
            case "unlockWrite" -> new Effect(Op.RELEASE, new LockId(LockKind.STAMPED_WRITE, receiver));
            case "unlockRead" -> new Effect(Op.RELEASE, new LockId(LockKind.STAMPED_READ, receiver));
            default -> null;
        };
    }

    /**
     * A condition made by {@code lock.newCondition()} of a {@code Lock} acts on that lock. One of unknown origin, or
     * of a lock wrapper that is not a {@code Lock} (Jetty's {@code AutoLock}, which locks inside a library method),
     * is left alone: whether its lock is held is unknown.
     */
    private static Effect conditionCall(String name, ValuePath receiver) {
        if (!(receiver instanceof ValuePath.CallResult made && made.name().equals("newCondition") && made.base() != null
                && LOCK_TYPES.contains(made.owner()))) {
            return null;
        }
        LockId lock = new LockId(lockKindOf(made.owner(), made.base()), made.base());
        if (name.startsWith("await")) {
            return new Effect(Op.WAIT, lock);
        }
        return name.equals("signal") || name.equals("signalAll") ? new Effect(Op.NOTIFY, lock) : null;
    }
}
