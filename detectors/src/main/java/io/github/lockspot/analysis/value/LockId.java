package io.github.lockspot.analysis.value;

import java.util.Objects;
import java.util.function.Function;

/**
 * What is locked: the kind of lock and the object that carries it. {@link #display()} is the readable name used in
 * reports ({@code Account.lock}, {@code Cache.rw.readLock()}, {@code permits of Pool.permits}, and a lock of the
 * program's own class got from a getter with that class: {@code this.getEventLock() (ZkLock)}); {@link #node()} is the
 * lock-graph node it stands for across methods and objects.
 */
public record LockId(LockKind kind, ValuePath path) implements Comparable<LockId> {

    public String display() {
        String name = path.display();
        return switch (kind) {
            case MONITOR -> path instanceof ValuePath.This self ? "this (" + Names.simpleName(self.type()) + ")" : name;
            case LOCK -> path instanceof ValuePath.CallResult got && got.type() != null && !got.type().startsWith("java/")
                    ? name + " (" + Names.simpleName(got.type()) + ")" : name; // a getter's own lock class: ZkLock
            case READ_LOCK -> path instanceof ValuePath.CallResult ? name : name + " (read)";
            case WRITE_LOCK -> path instanceof ValuePath.CallResult ? name : name + " (write)";
            case STAMPED_READ -> name + " (read mode)";
            case STAMPED_WRITE -> name + " (write mode)";
            case SEMAPHORE -> "permits of " + name;
        };
    }

    /**
     * The lock-graph node: read and write halves of one read-write lock share the node of the lock itself, so that
     * read/write conflicts are edges between the same nodes; the kind tells them apart.
     */
    public String node() {
        return readWriteBase().abstractKey();
    }

    /** For a read or write half reached through {@code rw.readLock()}: {@code rw}; otherwise the path itself. */
    public ValuePath readWriteBase() {
        if (kind.readWrite() && path instanceof ValuePath.CallResult view && view.base() != null
                && (view.name().equals("readLock") || view.name().equals("writeLock")
                        || view.name().equals("asReadLock") || view.name().equals("asWriteLock"))) {
            return view.base();
        }
        return path;
    }

    /** Whether this id names one object across methods (a field, a static, {@code this}, a parameter). */
    public boolean precise() {
        return path.precise();
    }

    public LockId rebase(Function<ValuePath, ValuePath> roots) {
        ValuePath rebased = path.rebase(roots);
        return rebased.equals(path) ? this : new LockId(kind, rebased);
    }

    /** Written out for the reason {@link MethodRef#equals} is: locks key the held-lock sets of every method. */
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof LockId lock && kind == lock.kind && Objects.equals(path, lock.path);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(kind) * 31 + Objects.hashCode(path);
    }

    @Override
    public String toString() {
        return kind + " " + display();
    }

    @Override
    public int compareTo(LockId other) {
        if (equals(other)) {
            return 0; // most comparisons in held-lock sets meet the same lock: spare formatting both names
        }
        int byName = display().compareTo(other.display());
        if (byName != 0) {
            return byName;
        }
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : path.toString().compareTo(other.path.toString());
    }
}
