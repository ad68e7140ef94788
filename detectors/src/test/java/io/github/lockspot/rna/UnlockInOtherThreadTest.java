package io.github.lockspot.rna;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;

import io.github.lockspot.fixtures.seed.ReadersWriterBug;
import io.github.lockspot.fixtures.seed.ReadersWriterFixed;
import org.junit.jupiter.api.Test;

/**
 * {@code RNA_UNLOCK_IN_OTHER_THREAD}: an owned lock taken in one method and released in another, each when shared
 * state says so (the seed's naive readers-writer lock); lock wrappers are checked in {@link UnlockWithoutLockTest}.
 */
class UnlockInOtherThreadTest {

    @Test
    void seedLastReaderUnlockingWhatTheFirstReaderLockedIsReported() {
        // writeLock.unlock() in releaseRead, line 39, when readers == 0; writeLock.lock() in acquireRead when readers == 1
        assertExactly(ReadersWriterBug.class, report("RNA_UNLOCK_IN_OTHER_THREAD", "releaseRead", 39));
        assertExactly(ReadersWriterFixed.class);
    }
}
