package io.github.lockspot.dlk;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;

import io.github.lockspot.fixtures.dlk.LockUpgradeBug;
import io.github.lockspot.fixtures.dlk.LockUpgradeFixed;
import io.github.lockspot.fixtures.seed.ReentrancyBug;
import io.github.lockspot.fixtures.seed.ReentrancyFixed;
import org.junit.jupiter.api.Test;

/**
 * {@code DLK_SELF_DEADLOCK}: a thread blocking on a lock it holds, reported where the holder takes it again (or calls
 * the code that does); re-entry into a reentrant lock and downgrading write to read are silent.
 */
class SelfDeadlockTest {
    private static final String SELF_DEADLOCK = "DLK_SELF_DEADLOCK";

    @Test
    void readLockUpgradedToWriteLock() {
        // lock.writeLock().lock() while lock.readLock() is held, line 33.
        assertExactly(LockUpgradeBug.class, report(SELF_DEADLOCK, "get", 33));
        assertExactly(LockUpgradeFixed.class);
    }

    @Test
    void semaphoreMutexTakenAgainThroughACall() {
        // outer() holds the mutex permit and calls inner(), which acquires it again: the call, line 24.
        assertExactly(ReentrancyBug.class, report(SELF_DEADLOCK, "outer", 24));
        assertExactly(ReentrancyFixed.class);
    }
}
