package io.github.lockspot.blk;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Priorities;
import io.github.lockspot.fixtures.blk.BlockingHelperUnderLockBug;
import io.github.lockspot.fixtures.blk.BlockingHelperWithoutLockFixed;
import io.github.lockspot.fixtures.blk.ComputeIfAbsentLoadBug;
import io.github.lockspot.fixtures.blk.ComputeIfAbsentLoadFixed;
import io.github.lockspot.fixtures.blk.DeepBlockingChainUnderLockBug;
import io.github.lockspot.fixtures.blk.EveryImplementationBlocksTwiceUnderLockBug;
import io.github.lockspot.fixtures.blk.EveryImplementationBlocksUnderLockBug;
import io.github.lockspot.fixtures.blk.LibraryCallbackUnderLock;
import io.github.lockspot.fixtures.blk.OwnInterfaceCallUnderLockBug;
import io.github.lockspot.fixtures.blk.TaskCreatedUnderLockFixed;
import io.github.lockspot.fixtures.blk.UpdateFeed;
import io.github.lockspot.testing.FixtureReports;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Blocking reached through calls is reported at the call inside the locked region, with the chain down to the
 * blocking API; helpers called only without a lock, tasks run later on other threads, and guesses at what a library
 * interface call runs are not.
 */
class ThroughCallsTest {

    private static final String BLOCKING = "BLK_BLOCKING_CALL_UNDER_LOCK";

    @Test
    void helperTwoCallsDownBlocksWhileTheCallerHoldsItsMonitor() {
        assertExactly(BlockingHelperUnderLockBug.class, report(BLOCKING, "refresh", 26));
        assertExactly(BlockingHelperWithoutLockFixed.class);
        BugInstance bug = BlkReports.onlyReportOn(BlockingHelperUnderLockBug.class);
        assertEquals("BlockingHelperUnderLockBug.nextUpdate() → UpdateFeed.next() → BlockingQueue.take()",
                BlkReports.texts(bug).get(0));
        assertEquals(List.of("26: Side 1, step 1: holds this (BlockingHelperUnderLockBug)",
                "26: Side 1, step 2: calls BlockingHelperUnderLockBug.nextUpdate()",
                "36: Side 1, step 3: calls UpdateFeed.next()",
                "18: Side 1, step 4: calls BlockingQueue.take()"), FixtureReports.steps(bug),
                "the monitor, nextUpdate() in refresh(), feed.next() in nextUpdate(), updates.take() in UpdateFeed.next()");
        assertExactly(UpdateFeed.class);
    }

    /** Through five calls: still reported, with the whole chain, but one priority lower than through four. */
    @Test
    void blockingThroughMoreThanFourCallsIsReportedOnePriorityLower() {
        assertExactly(DeepBlockingChainUnderLockBug.class, report(BLOCKING, "print", 26));
        BugInstance bug = BlkReports.onlyReportOn(DeepBlockingChainUnderLockBug.class);
        assertEquals(Priorities.LOW_PRIORITY, bug.getPriority());
        assertTrue(BlkReports.texts(bug).get(2).endsWith("; one lower: the chain is long"), BlkReports.texts(bug).get(2));
        assertEquals("DeepBlockingChainUnderLockBug.render() → DeepBlockingChainUnderLockBug.layout() → "
                + "DeepBlockingChainUnderLockBug.paginate() → DeepBlockingChainUnderLockBug.nextPage() → "
                + "DeepBlockingChainUnderLockBug.awaitPage() → BlockingQueue.take()", BlkReports.texts(bug).get(0));
        assertEquals(Priorities.NORMAL_PRIORITY,
                BlkReports.onlyReportOn(BlockingHelperUnderLockBug.class).getPriority(), "through two calls");
    }

    /** {@code computeIfAbsent} runs its function at once, on the caller's thread and with its locks. */
    @Test
    void synchronousCallbackBlocksUnderTheCallersMonitor() {
        assertExactly(ComputeIfAbsentLoadBug.class, report(BLOCKING, "get", 28));
        assertExactly(ComputeIfAbsentLoadFixed.class);
    }

    @Test
    void tasksCreatedUnderTheLockButRunElsewhereAreNotReported() {
        assertExactly(TaskCreatedUnderLockFixed.class);
    }

    /** One of the program's two {@code Source}s blocks: reported, one priority lower than a sure path. */
    @Test
    void callOnTheProgramsOwnInterfaceIsFollowedToItsImplementations() {
        assertExactly(OwnInterfaceCallUnderLockBug.class, report(BLOCKING, "tick", 26));
        BugInstance bug = BlkReports.onlyReportOn(OwnInterfaceCallUnderLockBug.class);
        assertEquals(Priorities.LOW_PRIORITY, bug.getPriority(), "NORMAL (ticks() stalls), one lower");
        assertEquals("OwnInterfaceCallUnderLockBug.QueueSource.next() → BlockingQueue.take()",
                BlkReports.texts(bug).get(0), "the chain names the implementation it runs in");
        String advice = BlkReports.texts(bug).get(2);
        assertTrue(advice.contains("; one lower: assumed OwnInterfaceCallUnderLockBug.QueueSource.next() for "
                + "OwnInterfaceCallUnderLockBug.Source.next(), the only one of "), advice);
    }

    /** Both of the program's {@code Source}s block: the blocking does not rest on a guess, so not lowered. */
    @Test
    void callWhoseImplementationsAllBlockIsNotLowered() {
        assertExactly(EveryImplementationBlocksUnderLockBug.class, report(BLOCKING, "tick", 25));
        BugInstance bug = BlkReports.onlyReportOn(EveryImplementationBlocksUnderLockBug.class);
        assertEquals(Priorities.NORMAL_PRIORITY, bug.getPriority(), BlkReports.texts(bug).get(2));
    }

    /** Two calls of the chain are resolved among implementations, and every implementation of each blocks. */
    @Test
    void twoCallsWhoseImplementationsAllBlockAreNotAGuessOnAGuess() {
        assertExactly(EveryImplementationBlocksTwiceUnderLockBug.class, report(BLOCKING, "batch", 26));
        BugInstance bug = BlkReports.onlyReportOn(EveryImplementationBlocksTwiceUnderLockBug.class);
        assertEquals(Priorities.NORMAL_PRIORITY, bug.getPriority(), BlkReports.texts(bug).get(2));
    }

    @Test
    void callOnALibraryInterfaceIsNotGuessedToRunTheProgramsImplementation() {
        assertExactly(LibraryCallbackUnderLock.class);
    }
}
