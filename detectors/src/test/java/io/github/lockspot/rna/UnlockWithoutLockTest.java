package io.github.lockspot.rna;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.umd.cs.findbugs.BugAnnotation;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import io.github.lockspot.fixtures.rna.CheckedTryLockFixed;
import io.github.lockspot.fixtures.rna.ConditionalLockBug;
import io.github.lockspot.fixtures.rna.ConditionalLockFixed;
import io.github.lockspot.fixtures.rna.DelegatingLockFixed;
import io.github.lockspot.fixtures.rna.IgnoredTryLockBug;
import io.github.lockspot.fixtures.rna.InterruptibleLockBeforeTryFixed;
import io.github.lockspot.fixtures.rna.InterruptibleLockFlagFixed;
import io.github.lockspot.fixtures.rna.InterruptibleLockInTryBug;
import io.github.lockspot.fixtures.rna.LockBeforeTryFixed;
import io.github.lockspot.fixtures.rna.LockInsideTryBug;
import io.github.lockspot.fixtures.rna.LockWrapperFixed;
import io.github.lockspot.fixtures.rna.NestedLocksFixed;
import io.github.lockspot.fixtures.rna.NeverLockedUnlockBug;
import io.github.lockspot.fixtures.rna.NeverLockedUnlockFixed;
import io.github.lockspot.fixtures.rna.ParamLockBeforeTryFixed;
import io.github.lockspot.fixtures.rna.ParamLockInsideTryBug;
import io.github.lockspot.fixtures.rna.TryLockFailureBranchBug;
import io.github.lockspot.fixtures.rna.TryLockFailureBranchFixed;
import io.github.lockspot.fixtures.rna.UnlockHelperBug;
import io.github.lockspot.fixtures.rna.UnlockHelperFixed;
import io.github.lockspot.fixtures.seed.TwoLockTryLockFixed;
import io.github.lockspot.testing.FixtureReports;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code RNA_UNLOCK_WITHOUT_LOCK}: {@code unlock()} reachable on a path where the lock was not taken. */
class UnlockWithoutLockTest {
    private static final String TYPE = "RNA_UNLOCK_WITHOUT_LOCK";

    @Test
    void unlockOfALockNoCodeEverTakesIsHigh() {
        assertExactly(NeverLockedUnlockBug.class, report(TYPE, "flush", 30), report(TYPE, "reset", 37));
        for (BugInstance bug : FixtureReports.reportsOn(NeverLockedUnlockBug.class, List.of("RNA_"))) {
            assertEquals(Priorities.HIGH_PRIORITY, bug.getPriority(), bug.getMessageWithoutPrefix());
            assertTrue(bug.getMessageWithoutPrefix().contains("no analysed code ever takes it"),
                    bug.getMessageWithoutPrefix());
        }
        assertExactly(NeverLockedUnlockFixed.class);
    }

    @Test
    void lockPassedAsAParameterTakenInsideTheTry() {
        assertExactly(ParamLockInsideTryBug.class, report(TYPE, "withLock", 22));
        assertExactly(ParamLockBeforeTryFixed.class);
    }

    @Test
    void lockTakenInsideTheTryIsReportedAtTheFinallyUnlock() {
        // lock.unlock() in the finally, line 30; lockInterruptibly() inside the try at line 27
        assertExactly(InterruptibleLockInTryBug.class, report(TYPE, "append", 30));
        assertExactly(InterruptibleLockBeforeTryFixed.class);
    }

    /** A plain lock() inside the try fails only with an error: reported, low; lockInterruptibly() there: normal. */
    @Test
    void plainLockInsideTheTryIsReportedAtLowPriority() {
        // lock.unlock() in the finally, line 31; lock.lock() inside the try at line 28
        assertExactly(LockInsideTryBug.class, report(TYPE, "add", 31));
        assertExactly(LockBeforeTryFixed.class);
        assertEquals(Priorities.LOW_PRIORITY,
                FixtureReports.reportsOn(LockInsideTryBug.class, List.of(TYPE)).get(0).getPriority());
        assertEquals(Priorities.NORMAL_PRIORITY,
                FixtureReports.reportsOn(InterruptibleLockInTryBug.class, List.of(TYPE)).get(0).getPriority());
    }

    @Test
    void flagSetOnceTheLockIsTakenDecidesTheReleaseAndIsNotReported() {
        assertExactly(InterruptibleLockFlagFixed.class);
    }

    @Test
    void ignoredTryLockIsReportedNamingTheLockTheTryAndTheFix() {
        // lock.unlock() at line 29; the ignored lock.tryLock() at line 25
        assertExactly(IgnoredTryLockBug.class, report(TYPE, "flush", 29));
        assertExactly(CheckedTryLockFixed.class);

        BugInstance bug = FixtureReports.reportsOn(IgnoredTryLockBug.class, List.of(TYPE)).get(0);
        List<? extends BugAnnotation> annotations = bug.getAnnotations();
        assertEquals("IgnoredTryLockBug.lock", annotations.get(3).toString());
        String explanation = annotations.get(4).toString();
        assertTrue(explanation.startsWith("release only where tryLock() succeeded"), "the fix first: " + explanation);
        assertTrue(explanation.contains("if (!tryLock()) return;"), "names the fix: " + explanation);
        assertEquals(25, ((SourceLineAnnotation) annotations.get(5)).getStartLine(), "the tryLock() that may fail");
        assertEquals(6, annotations.size(), "where it was tried is where the path lost it");
    }

    @Test
    void failureBranchOfATimedTryLockFallingIntoTheTryIsReported() {
        // lock.unlock() at line 36, reached from the failure branch of tryLock(...) at line 30
        assertExactly(TryLockFailureBranchBug.class, report(TYPE, "record", 36));
        assertExactly(TryLockFailureBranchFixed.class);
    }

    @Test
    void branchSkippingTheLockIsReportedUnlessTheSameConditionDecidesTheUnlock() {
        // lock.unlock() at line 33; lock() at line 28 only if shared
        assertExactly(ConditionalLockBug.class, report(TYPE, "put", 33));
        assertExactly(ConditionalLockFixed.class);
    }

    @Test
    void helperReleasingTheLockIsReportedAtTheCallOfTheCallerThatMayNotHoldIt() {
        // the call endWrite() at line 30 in append, whose lockInterruptibly() at line 27 is inside the try
        assertExactly(UnlockHelperBug.class, report(TYPE, "append", 30));
        assertExactly(UnlockHelperFixed.class);
    }

    @Test
    void lockWrappersAndLockImplementationsLeavePairingToTheirCallers() {
        assertExactly(LockWrapperFixed.class);
        assertExactly(DelegatingLockFixed.class);
    }

    @Test
    void seedTimedRetryLoopIsNotReported() {
        assertExactly(TwoLockTryLockFixed.class);
    }

    @Test
    void nestedLockUnlockWhereStockSpotBugsReportsClosedWithoutOpenedIsNotReported() {
        List<BugInstance> stock = FixtureReports.reportsOn(NestedLocksFixed.class, List.of("CWO_"));
        assertEquals(List.of("CWO_CLOSED_WITHOUT_OPENED"), stock.stream().map(BugInstance::getType).toList(),
                "stock SpotBugs's false alarm on this correct code");
        assertExactly(NestedLocksFixed.class);
    }
}
