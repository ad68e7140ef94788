package io.github.lockspot.rna;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;

import io.github.lockspot.fixtures.rna.AutoLockConditionFixed;
import io.github.lockspot.fixtures.rna.ConditionWrapperFixed;
import io.github.lockspot.fixtures.rna.LockSubclassHelperFixed;
import io.github.lockspot.fixtures.rna.NotifyWithoutMonitorBug;
import io.github.lockspot.fixtures.rna.NotifyWithoutMonitorFixed;
import io.github.lockspot.fixtures.rna.SignalWithoutLockBug;
import io.github.lockspot.fixtures.rna.SignalWithoutLockFixed;
import io.github.lockspot.fixtures.rna.WakeUpHelperBug;
import io.github.lockspot.fixtures.rna.WakeUpHelperFixed;
import org.junit.jupiter.api.Test;

/** {@code RNA_MONITOR_NOT_OWNED}: wait/notify or await/signal without the lock, here and in every analysed caller. */
class MonitorNotOwnedTest {
    private static final String TYPE = "RNA_MONITOR_NOT_OWNED";

    @Test
    void notifyAllOutsideSynchronizedIsReported() {
        // notifyAll() in publish, line 24
        assertExactly(NotifyWithoutMonitorBug.class, report(TYPE, "publish", 24));
        assertExactly(NotifyWithoutMonitorFixed.class);
    }

    @Test
    void conditionSignalWithoutItsLockIsReported() {
        // changed.signalAll() in publish, line 33
        assertExactly(SignalWithoutLockBug.class, report(TYPE, "publish", 33));
        assertExactly(SignalWithoutLockFixed.class);
    }

    @Test
    void helperIsReportedAtTheCallOfItsOnlyCallerWithoutTheMonitor() {
        // wakeUp() called from put (synchronized, line 21) and from close (not, line 35)
        assertExactly(WakeUpHelperBug.class, report(TYPE, "close", 35));
        assertExactly(WakeUpHelperFixed.class);
    }

    @Test
    void helperSignallingUnderALockSubclassHeldByEveryCallerIsNotReported() {
        assertExactly(LockSubclassHelperFixed.class);
    }

    @Test
    void classThatLeavesItsLockToItsCallersIsNotReportedForWaitingOrSignallingWithoutIt() {
        assertExactly(ConditionWrapperFixed.class);
    }

    /** A condition of a lock wrapper that is not a {@code Lock} (Jetty's {@code AutoLock}): whether it is held is unknown. */
    @Test
    void conditionOfALockWrapperLockSpotDoesNotModelIsNotJudged() {
        assertExactly(AutoLockConditionFixed.class);
    }
}
