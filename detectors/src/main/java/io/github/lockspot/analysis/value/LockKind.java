package io.github.lockspot.analysis.value;

/** What kind of exclusion a lock gives. */
public enum LockKind {
    /** A Java monitor: {@code synchronized} blocks and methods. Reentrant. */
    MONITOR(true, true),
    /** A {@code java.util.concurrent.locks.Lock} (exclusive). ReentrantLock is reentrant; the analysis treats all as such. */
    LOCK(true, true),
    /** The read half of a {@code ReadWriteLock}: shared with other readers, excluded by the write half. */
    READ_LOCK(false, true),
    /** The write half of a {@code ReadWriteLock}. */
    WRITE_LOCK(true, true),
    /** {@code StampedLock} in read mode (not reentrant). */
    STAMPED_READ(false, false),
    /** {@code StampedLock} in write mode (not reentrant). */
    STAMPED_WRITE(true, false),
    /** A permit of a {@code Semaphore}: counted, no owner thread. */
    SEMAPHORE(false, false);

    private final boolean exclusive;
    private final boolean reentrant;

    LockKind(boolean exclusive, boolean reentrant) {
        this.exclusive = exclusive;
        this.reentrant = reentrant;
    }

    /** Whether two holders exclude each other (read locks and permits do not). */
    public boolean exclusive() {
        return exclusive;
    }

    /** Whether the owning thread may take it again without blocking. */
    public boolean reentrant() {
        return reentrant;
    }

    /** True for the two halves/modes of one read-write lock. */
    public boolean readWrite() {
        return this == READ_LOCK || this == WRITE_LOCK || this == STAMPED_READ || this == STAMPED_WRITE;
    }

    /** Whether holding a lock of this kind protects a field from concurrent writers (a permit or read lock does not). */
    public boolean guardsWrites() {
        return exclusive;
    }
}
