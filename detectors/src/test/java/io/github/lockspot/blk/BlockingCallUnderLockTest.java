package io.github.lockspot.blk;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Priorities;
import io.github.lockspot.fixtures.blk.AwaitTerminationOutsideLockFixed;
import io.github.lockspot.fixtures.blk.AwaitTerminationUnderLockBug;
import io.github.lockspot.fixtures.blk.CompletableJoinOutsideLockFixed;
import io.github.lockspot.fixtures.blk.CompletableJoinUnderLockBug;
import io.github.lockspot.fixtures.blk.ExchangerOutsideLockFixed;
import io.github.lockspot.fixtures.blk.ExchangerUnderLockBug;
import io.github.lockspot.fixtures.blk.FutureGetOutsideLockFixed;
import io.github.lockspot.fixtures.blk.FutureGetUnderLockBug;
import io.github.lockspot.fixtures.blk.JoinOutsideLockFixed;
import io.github.lockspot.fixtures.blk.JoinUnderLockBug;
import io.github.lockspot.fixtures.blk.NonBlockingVariantsFixed;
import io.github.lockspot.fixtures.blk.ParkHandoffBug;
import io.github.lockspot.fixtures.blk.ParkHandoffFixed;
import io.github.lockspot.fixtures.blk.PermitOutsideLockFixed;
import io.github.lockspot.fixtures.blk.PermitUnderLockBug;
import io.github.lockspot.fixtures.blk.PhaserOutsideLockFixed;
import io.github.lockspot.fixtures.blk.PhaserUnderLockBug;
import io.github.lockspot.fixtures.blk.PollingSleepBug;
import io.github.lockspot.fixtures.blk.PollingWaitFixed;
import io.github.lockspot.fixtures.blk.ProcessWaitOutsideLockFixed;
import io.github.lockspot.fixtures.blk.ProcessWaitUnderLockBug;
import io.github.lockspot.fixtures.blk.TimedOfferOutsideLockFixed;
import io.github.lockspot.fixtures.blk.TimedOfferUnderLockBug;
import io.github.lockspot.fixtures.blk.TransferOutsideLockFixed;
import io.github.lockspot.fixtures.blk.TransferUnderLockBug;
import io.github.lockspot.testing.FixtureReports;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code BLK_BLOCKING_CALL_UNDER_LOCK} on each catalogue family (sleep, join, park, queue, future, synchronizer,
 * executor, process), at the blocking call inside the locked region; nothing on the fixed twins, which block outside
 * it, nor on the non-blocking variants.
 */
class BlockingCallUnderLockTest {

    private static final String BLOCKING = "BLK_BLOCKING_CALL_UNDER_LOCK";

    @Test
    void sleepingInsideTheMonitorThatGuardsTheFlag() {
        assertExactly(PollingSleepBug.class, report(BLOCKING, "awaitOpen", 21));
        assertExactly(PollingWaitFixed.class);
    }

    @Test
    void joiningAWorkerThatNeedsTheHeldMonitor() {
        assertExactly(JoinUnderLockBug.class, report(BLOCKING, "stopAndJoin", 31));
        assertExactly(JoinOutsideLockFixed.class);
    }

    @Test
    void parkingInsideTheMonitorTheUnparkerNeeds() {
        assertExactly(ParkHandoffBug.class, report(BLOCKING, "take", 23));
        assertExactly(ParkHandoffFixed.class);
    }

    @Test
    void timedOfferAndTransferWhileHoldingTheLock() {
        assertExactly(TimedOfferUnderLockBug.class, report(BLOCKING, "send", 30));
        assertExactly(TimedOfferOutsideLockFixed.class);
        assertExactly(TransferUnderLockBug.class, report(BLOCKING, "dispatch", 22));
        assertExactly(TransferOutsideLockFixed.class);
    }

    @Test
    void waitingForAFutureWhoseTaskNeedsTheHeldLock() {
        assertExactly(FutureGetUnderLockBug.class, report(BLOCKING, "refresh", 28));
        assertExactly(FutureGetOutsideLockFixed.class);
        assertExactly(CompletableJoinUnderLockBug.class, report(BLOCKING, "reprice", 30));
        assertExactly(CompletableJoinOutsideLockFixed.class);
    }

    @Test
    void synchronizersAwaitedWhileHoldingTheLock() {
        assertExactly(PhaserUnderLockBug.class, report(BLOCKING, "step", 33));
        assertExactly(PhaserOutsideLockFixed.class);
        assertExactly(ExchangerUnderLockBug.class, report(BLOCKING, "swap", 23));
        assertExactly(ExchangerOutsideLockFixed.class);
        assertExactly(PermitUnderLockBug.class, report(BLOCKING, "query", 27));
        assertExactly(PermitOutsideLockFixed.class);
    }

    @Test
    void executorAndProcessWaitedForWhileHoldingTheMonitor() {
        assertExactly(AwaitTerminationUnderLockBug.class, report(BLOCKING, "finish", 34));
        assertExactly(AwaitTerminationOutsideLockFixed.class);
        assertExactly(ProcessWaitUnderLockBug.class, report(BLOCKING, "run", 22));
        assertExactly(ProcessWaitOutsideLockFixed.class);
    }

    @Test
    void nonBlockingVariantsUnderALockAreNotReported() {
        assertExactly(NonBlockingVariantsFixed.class);
    }

    /** The report names what blocks, the lock and where it was taken, the fix, and the carrier pinning of monitors. */
    @Test
    void reportNamesTheCallTheLockWhereItWasTakenAndTheFix() {
        BugInstance sleep = BlkReports.onlyReportOn(PollingSleepBug.class);
        assertEquals(Priorities.HIGH_PRIORITY, sleep.getPriority(), "open() sets the polled flag under the monitor");
        List<String> texts = BlkReports.texts(sleep);
        assertEquals(List.of("Thread.sleep(long)", "this (PollingSleepBug)"), texts.subList(0, 2));
        assertTrue(texts.get(2).startsWith("wait on the held lock instead"), texts.get(2));
        assertTrue(texts.get(2).contains("pins a virtual thread's carrier on JDK 21–23"), texts.get(2));
        assertEquals("20: Side 1, step 1: holds this (PollingSleepBug)", FixtureReports.steps(sleep).get(0),
                "the synchronized method");

        BugInstance offer = BlkReports.onlyReportOn(TimedOfferUnderLockBug.class);
        texts = BlkReports.texts(offer);
        assertEquals(List.of("BlockingQueue.offer(Object, long, TimeUnit)", "TimedOfferUnderLockBug.lock",
                "move the call out of the locked region; LOW, timed wait: nothing that ends it needs "
                        + "TimedOfferUnderLockBug.lock"), texts);
        assertEquals("28: Side 1, step 1: holds TimedOfferUnderLockBug.lock", FixtureReports.steps(offer).get(0),
                "lock.lock()");
    }
}
