package io.github.lockspot.blk;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lockspot.fixtures.blk.ConditionHelperWaitBug;
import io.github.lockspot.fixtures.blk.ConditionHelperWaitFixed;
import io.github.lockspot.fixtures.blk.ConditionOfHeldLockFixed;
import io.github.lockspot.fixtures.blk.ConditionOfOtherLockBug;
import io.github.lockspot.fixtures.blk.ConditionWaits;
import io.github.lockspot.fixtures.blk.InjectedConditionWaitBug;
import io.github.lockspot.fixtures.blk.InjectedConditionWaitFixed;
import io.github.lockspot.fixtures.blk.Mailbox;
import io.github.lockspot.fixtures.blk.MonitorWaitThroughCallFixed;
import io.github.lockspot.fixtures.blk.NestedMonitorThroughCallBug;
import io.github.lockspot.fixtures.blk.NestedMonitorWaitBug;
import io.github.lockspot.fixtures.blk.SingleMonitorWaitFixed;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code BLK_WAIT_WITH_OTHER_LOCK_HELD}: {@code wait()} and {@code Condition.await()} release only their own lock; a
 * wait with another lock held, here or in a caller, is reported with the locks that stay held. Waiting holding only the
 * lock waited on is not.
 */
class WaitWithOtherLockHeldTest {

    private static final String WAIT = "BLK_WAIT_WITH_OTHER_LOCK_HELD";

    @Test
    void monitorWaitInsideAnotherMonitor() {
        assertExactly(NestedMonitorWaitBug.class, report(WAIT, "receive", 25));
        assertExactly(SingleMonitorWaitFixed.class);
        assertEquals("this (NestedMonitorWaitBug)", BlkReports.texts(BlkReports.onlyReportOn(NestedMonitorWaitBug.class))
                .get(1), "the lock kept, not mailLock");
    }

    /** The mailbox waits correctly on its own; the caller holding its own monitor around the call is the bug. */
    @Test
    void monitorWaitInACalleeWhileTheCallerHoldsItsMonitor() {
        assertExactly(NestedMonitorThroughCallBug.class, report(WAIT, "collect", 22));
        assertExactly(MonitorWaitThroughCallFixed.class);
        assertExactly(Mailbox.class);
        assertEquals(List.of("Mailbox.take() → Object.wait()", "this (NestedMonitorThroughCallBug)"),
                BlkReports.texts(BlkReports.onlyReportOn(NestedMonitorThroughCallBug.class)).subList(0, 2));
    }

    @Test
    void conditionAwaitedWhileAnotherLockIsHeld() {
        assertExactly(ConditionOfOtherLockBug.class, report(WAIT, "take", 32));
        assertExactly(ConditionOfHeldLockFixed.class);
        assertEquals("ConditionOfOtherLockBug.accountLock",
                BlkReports.texts(BlkReports.onlyReportOn(ConditionOfOtherLockBug.class)).get(1));
    }

    /**
     * The helper awaits a condition it gets as a parameter: in the caller's terms that is {@code stateLock}'s
     * condition, so only {@code statsLock} stays held.
     */
    @Test
    void conditionPassedToAHelperIsNamedInTheCallersTerms() {
        assertExactly(ConditionHelperWaitBug.class, report(WAIT, "awaitOpen", 31));
        assertExactly(ConditionHelperWaitFixed.class);
        assertExactly(ConditionWaits.class);
        assertEquals(List.of("ConditionWaits.until(Condition, BooleanSupplier) → Condition.await()",
                "ConditionHelperWaitBug.statsLock"),
                BlkReports.texts(BlkReports.onlyReportOn(ConditionHelperWaitBug.class)).subList(0, 2));
    }

    /** Nothing names the injected condition's lock; of the two locks held, the await releases at most one. */
    @Test
    void conditionOfAnUnknownLockAwaitedWithTwoLocksHeld() {
        assertExactly(InjectedConditionWaitBug.class, report(WAIT, "awaitFilled", 34));
        assertExactly(InjectedConditionWaitFixed.class);
        List<String> texts = BlkReports.texts(BlkReports.onlyReportOn(InjectedConditionWaitBug.class));
        assertEquals(List.of("Condition.await()", "InjectedConditionWaitBug.lock and this (InjectedConditionWaitBug)"),
                texts.subList(0, 2));
        assertTrue(texts.get(2).startsWith("waiting releases at most one of these"), texts.get(2));
    }
}
