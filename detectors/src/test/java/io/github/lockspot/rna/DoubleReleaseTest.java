package io.github.lockspot.rna;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;

import io.github.lockspot.fixtures.rna.EarlyUnlockBug;
import io.github.lockspot.fixtures.rna.EarlyUnlockFixed;
import io.github.lockspot.fixtures.rna.UnlockInLoopBug;
import io.github.lockspot.fixtures.rna.UnlockInLoopFixed;
import org.junit.jupiter.api.Test;

/** {@code RNA_DOUBLE_RELEASE}: a release on a path that already released the lock. */
class DoubleReleaseTest {
    private static final String TYPE = "RNA_DOUBLE_RELEASE";

    @Test
    void earlyUnlockFollowedByTheFinallyUnlockIsReportedAtTheFinally() {
        // the early lock.unlock() at line 33 holds the lock; the finally's lock.unlock() at line 38 does not
        assertExactly(EarlyUnlockBug.class, report(TYPE, "poll", 38));
        assertExactly(EarlyUnlockFixed.class);
    }

    @Test
    void loopUnlockingMoreOftenThanItLocksIsReportedInTheLoopAndInTheFinally() {
        // lock.unlock() in the loop at line 36 (previous iteration released it), in the finally at line 40
        assertExactly(UnlockInLoopBug.class, report(TYPE, "runAll", 36), report(TYPE, "runAll", 40));
    }

    @Test
    void loopThatTakesTheLockBackInAFinallyIsNotReported() {
        assertExactly(UnlockInLoopFixed.class);
    }
}
