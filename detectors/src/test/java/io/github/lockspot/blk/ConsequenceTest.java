package io.github.lockspot.blk;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Priorities;
import io.github.lockspot.fixtures.blk.BlockFlagUnderLock;
import io.github.lockspot.fixtures.blk.BoundedOutboxUnderLockBug;
import io.github.lockspot.fixtures.blk.CachedEpochUnderLock;
import io.github.lockspot.fixtures.blk.CannotBlockUnderLock;
import io.github.lockspot.fixtures.blk.ClearedAddressWaitBug;
import io.github.lockspot.fixtures.blk.ClearedAddressWaitFixed;
import io.github.lockspot.fixtures.blk.ClearedLengthCacheUnderLock;
import io.github.lockspot.fixtures.blk.CompletableJoinUnderLockBug;
import io.github.lockspot.fixtures.blk.ConfinedLockRead;
import io.github.lockspot.fixtures.blk.CountingStreamOwnLock;
import io.github.lockspot.fixtures.blk.CountingStreamSourceUnderLockBug;
import io.github.lockspot.fixtures.blk.DecodingReaderSharedLock;
import io.github.lockspot.fixtures.blk.FutureGetUnderLockBug;
import io.github.lockspot.fixtures.blk.HandOffWaitUnderLock;
import io.github.lockspot.fixtures.blk.HelperJoinUnderOwnLock;
import io.github.lockspot.fixtures.blk.JoinUnderLockBug;
import io.github.lockspot.fixtures.blk.JoinedDispatcherManyHandlers;
import io.github.lockspot.fixtures.blk.JoinedPollerNeverLocks;
import io.github.lockspot.fixtures.blk.JoinedWorkerNeedsLockBug;
import io.github.lockspot.fixtures.blk.JoinedWorkerStallsReaders;
import io.github.lockspot.fixtures.blk.LatchUnderTableLock;
import io.github.lockspot.fixtures.blk.LazyLoadUnderLock;
import io.github.lockspot.fixtures.blk.LibraryFutureUnderLock;
import io.github.lockspot.fixtures.blk.ListenerHandsWorkToAPool;
import io.github.lockspot.fixtures.blk.NestedMonitorThroughCallBug;
import io.github.lockspot.fixtures.blk.NestedMonitorWaitBug;
import io.github.lockspot.fixtures.blk.OneRootManyHolders;
import io.github.lockspot.fixtures.blk.ParsedListUnderLock;
import io.github.lockspot.fixtures.blk.PollingSleepBug;
import io.github.lockspot.fixtures.blk.ReadHoldQueriesStore;
import io.github.lockspot.fixtures.blk.ReadLockSerialisesStream;
import io.github.lockspot.fixtures.blk.ReplyWaitUnderClientLock;
import io.github.lockspot.fixtures.blk.RetrySleepUnderLock;
import io.github.lockspot.fixtures.blk.SiblingHoldersOfOneHelper;
import io.github.lockspot.fixtures.blk.SocketReadUnderLockBug;
import io.github.lockspot.fixtures.blk.StartupAddressWait;
import io.github.lockspot.fixtures.blk.StartupConfigReadUnderLock;
import io.github.lockspot.fixtures.blk.StatementPoolUnderConnection;
import io.github.lockspot.fixtures.blk.ThawOutsideWriterLockFixed;
import io.github.lockspot.fixtures.blk.ThawUnderWriterLockBug;
import io.github.lockspot.fixtures.blk.TimedJoinOnClose;
import io.github.lockspot.fixtures.blk.WaitWokenWithoutOuterLock;
import io.github.lockspot.fixtures.blk.WriteUnderLockPastFreezeGate;
import io.github.lockspot.fixtures.seed.StartSignalBug;
import io.github.lockspot.testing.FixtureReports;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BLK ranks a blocking call by what it costs (the README's "BLK priorities"): HIGH when what ends the wait needs the
 * held lock, NORMAL when other work on the lock stalls, LOW for hand-offs, confined locks, one-time initialisation,
 * timed waits and locks that only serialise the blocking; calls that cannot block are not reported, and one blocking
 * call is reported once, at the holder that matters, naming the others.
 */
class ConsequenceTest {

    private static final String BLOCKING = "BLK_BLOCKING_CALL_UNDER_LOCK";
    private static final String IO = "BLK_IO_UNDER_LOCK";
    private static final String WAIT = "BLK_WAIT_WITH_OTHER_LOCK_HELD";

    /** The one BLK report on {@code fixture} at {@code method}:{@code line}, with its priority and rule. */
    private static void assertRanked(Class<?> fixture, String method, int line, int priority, String rule) {
        BugInstance bug = null;
        for (BugInstance report : FixtureReports.reportsOn(fixture, List.of("BLK_"))) {
            if (report.getPrimaryMethod().getMethodName().equals(method)
                    && report.getPrimarySourceLineAnnotation().getStartLine() == line) {
                bug = report;
            }
        }
        assertTrue(bug != null, "no BLK report on " + fixture.getSimpleName() + "." + method + ":" + line);
        List<String> texts = BlkReports.texts(bug);
        String advice = texts.get(texts.size() - 1);
        assertEquals(priority, bug.getPriority(), advice);
        assertTrue(advice.contains(rule), advice);
    }

    /** A fixture with one LockSpot report, {@code report}, ranked {@code priority} by {@code rule}. */
    record Ranked(String shape, Class<?> fixture, FixtureReports.Expected report, int priority, String rule) {
        @Override
        public String toString() {
            return shape;
        }
    }

    static Stream<Ranked> onlyReports() {
        return Stream.of(
                new Ranked("other work on the lock stalls behind a full queue's put", BoundedOutboxUnderLockBug.class,
                        report(BLOCKING, "send", 18), Priorities.NORMAL_PRIORITY,
                        "BoundedOutboxUnderLockBug.size() takes this"),
                new Ranked("a future a library call returned is not a task of the class's",
                        LibraryFutureUnderLock.class, report(BLOCKING, "readAt", 28), Priorities.NORMAL_PRIORITY,
                        "NORMAL, stalls other work"),
                new Ranked("join of a Thread subclass whose run() takes the lock is HIGH (its run() decides, not "
                        + "the class's other tasks)", JoinedWorkerNeedsLockBug.class, report(BLOCKING, "stop", 31),
                        Priorities.HIGH_PRIORITY,
                        "(the joined thread's JoinedWorkerNeedsLockBug.Worker.run(), which takes it in "
                                + "JoinedWorkerNeedsLockBug.Worker.run())"),
                new Ranked("join of an interrupted thread whose run never takes the lock is LOW",
                        JoinedPollerNeverLocks.class, report(BLOCKING, "stop", 29), Priorities.LOW_PRIORITY,
                        "LOW, shutdown join: the joined JoinedPollerNeverLocks.Poller.run() never takes "
                                + "JoinedPollerNeverLocks.lock (every method it can run is analysed), and the joining "
                                + "JoinedPollerNeverLocks.stop() interrupts it first"),
                new Ranked("shutdown join is not LOW when the search from run() stopped at a call with too many "
                        + "implementations", JoinedDispatcherManyHandlers.class, report(BLOCKING, "stop", 35),
                        Priorities.NORMAL_PRIORITY, "NORMAL, stalls other work: JoinedDispatcherManyHandlers.handled() "
                                + "takes JoinedDispatcherManyHandlers.lock"),
                new Ranked("a Thread.start() in library code resolved by class hierarchy to the peer's own start() "
                        + "is no evidence that the joined thread needs the peer's monitor",
                        ListenerHandsWorkToAPool.Peer.class, report(BLOCKING, "restart", 49),
                        Priorities.NORMAL_PRIORITY,
                        "NORMAL, stalls other work: ListenerHandsWorkToAPool.Peer.start() takes this"),
                new Ranked("join of a worker nobody stopped stalls other work though its run never takes the lock",
                        JoinedWorkerStallsReaders.class, report(BLOCKING, "recompute", 28),
                        Priorities.NORMAL_PRIORITY,
                        "NORMAL, stalls other work: JoinedWorkerStallsReaders.total() takes JoinedWorkerStallsReaders"
                                + ".lock"),
                new Ranked("hand-off wait is LOW: the notifier is a peer already inside", HandOffWaitUnderLock.class,
                        report(WAIT, "add", 27), Priorities.LOW_PRIORITY,
                        "LOW, hand-off: every notify of HandOffWaitUnderLock.makers is in the waiting code itself"),
                new Ranked("join of a thread that never takes the lock, which nothing else takes, is LOW",
                        HelperJoinUnderOwnLock.class, report(BLOCKING, "stop", 24), Priorities.LOW_PRIORITY,
                        "LOW, serialises the resource: every region of this (HelperJoinUnderOwnLock) blocks like this "
                                + "one"),
                new Ranked("one-time initialisation is LOW though other work takes the lock", LazyLoadUnderLock.class,
                        report(IO, "settings", 28), Priorities.LOW_PRIORITY,
                        "LOW, one-time initialisation: it runs only while LazyLoadUnderLock.cached is null"),
                new Ranked("timed wait no one else ends is LOW", TimedJoinOnClose.class,
                        report(BLOCKING, "close", 25), Priorities.LOW_PRIORITY,
                        "LOW, timed wait: nothing that ends it needs this (TimedJoinOnClose)"),
                new Ranked("a sleep between a bounded number of retries is a timed wait: LOW", RetrySleepUnderLock.class,
                        report(BLOCKING, "write", 45), Priorities.LOW_PRIORITY,
                        "LOW, timed wait: nothing that ends it needs this (RetrySleepUnderLock)"),
                new Ranked("a wait whose notifier needs nothing the waiter holds is LOW", WaitWokenWithoutOuterLock.class,
                        report(WAIT, "take", 26), Priorities.LOW_PRIORITY,
                        "LOW, woken without it: no notify of WaitWokenWithoutOuterLock.jobsLock is reached with this "
                                + "(WaitWokenWithoutOuterLock) taken"),
                new Ranked("a wait ended by a return that needs no lock the waiter holds is LOW, though a clear "
                        + "under the lock notifies too", StatementPoolUnderConnection.class,
                        report(WAIT, "prepare", 66), Priorities.LOW_PRIORITY,
                        "LOW, woken without it: the notify in StatementPoolUnderConnection.HandlePool.release(), which "
                                + "gives back what the wait takes, is reached with no region of this "
                                + "(StatementPoolUnderConnection) taken"),
                new Ranked("one blocking call is reported once, at the holder that matters, naming the others",
                        OneRootManyHolders.class, report(BLOCKING, "close", 60), Priorities.HIGH_PRIORITY,
                        "also reached with a lock held from OneRootManyHolders.Pool.restart() (holding "
                                + "OneRootManyHolders.Pool.poolLock), OneRootManyHolders.Timer.cancel() "
                                + "(holding this"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("onlyReports")
    void theOnlyReportIsRankedByItsRule(Ranked ranked) {
        assertExactly(ranked.fixture(), ranked.report());
        assertRanked(ranked.fixture(), ranked.report().method(), ranked.report().line(), ranked.priority(),
                ranked.rule());
    }

    @Test
    void highWhenTheNotifierTheOtherUserOrTheTaskNeedsTheHeldLock() {
        assertRanked(NestedMonitorWaitBug.class, "receive", 25, Priorities.HIGH_PRIORITY,
                "HIGH, deadlock: what ends the wait needs this (NestedMonitorWaitBug) (the notify in "
                        + "NestedMonitorWaitBug.send(String), reached from");
        assertRanked(PollingSleepBug.class, "awaitOpen", 21, Priorities.HIGH_PRIORITY,
                "HIGH, deadlock: what ends the wait needs this (PollingSleepBug) (the write of PollingSleepBug.open, "
                        + "which the loop around the sleep polls, in PollingSleepBug.open(), reached from "
                        + "PollingSleepBug.open() with the lock taken)");
        assertRanked(StartSignalBug.class, "awaitStart", 24, Priorities.HIGH_PRIORITY,
                "HIGH, deadlock: what ends the wait needs StartSignalBug.lock (CountDownLatch.countDown() on "
                        + "StartSignalBug.ready in StartSignalBug.start()");
        assertRanked(JoinUnderLockBug.class, "stopAndJoin", 31, Priorities.HIGH_PRIORITY,
                "(assumed: the task JoinUnderLockBug.work() its class launches, which takes it in "
                        + "JoinUnderLockBug.step())");
    }

    /** The mailbox waited on and the one notified are the same field of the object whose monitor both hold. */
    @Test
    void highWhenTheNotifyIsOnTheSameObjectNamedFromTheHeldOne() {
        assertRanked(NestedMonitorThroughCallBug.class, "collect", 22, Priorities.HIGH_PRIORITY,
                "HIGH, deadlock: what ends the wait needs this (NestedMonitorThroughCallBug) (the notify in "
                        + "Mailbox.put(String), reached from NestedMonitorThroughCallBug.deliver(String)");
    }

    /** The page waited on and the page another region unlatches are related by their class alone: no deadlock. */
    @Test
    void notifyOnAnObjectRelatedByTypeAloneIsNoDeadlock() {
        assertExactly(LatchUnderTableLock.class, report(WAIT, "grow", 51), report(WAIT, "sizeAt", 61));
        assertRanked(LatchUnderTableLock.class, "grow", 51, Priorities.LOW_PRIORITY,
                "LOW, serialises the resource: every region of LatchUnderTableLock.table blocks like this one; not a "
                        + "deadlock by type alone: the notify in LatchUnderTableLock.Page.unlatch(), reached from "
                        + "LatchUnderTableLock.sizeAt(int) with the lock taken, is on an object only its type relates");
    }

    /** A notify on a packet the notifying call made under the held lock cannot end a wait begun before it. */
    @Test
    void notifyOnTheNotifiersOwnNewObjectWakesNoEarlierWaiter() {
        assertExactly(ReplyWaitUnderClientLock.class, report(WAIT, "close", 36), report(WAIT, "whoAmI", 41));
        assertRanked(ReplyWaitUnderClientLock.class, "close", 36, Priorities.LOW_PRIORITY,
                "LOW, woken without it: no notify of a ReplyWaitUnderClientLock.Packet is reached with this "
                        + "(ReplyWaitUnderClientLock) taken");
    }

    /** The notify under the held lock changes nothing the wait's loop tests; the one that does never needs it. */
    @Test
    void notifyThatLeavesTheWaitConditionAloneIsNoDeadlock() {
        assertExactly(WriteUnderLockPastFreezeGate.class, report(WAIT, "writePage", 22), report(WAIT, "sync", 29));
        assertRanked(WriteUnderLockPastFreezeGate.class, "writePage", 22, Priorities.LOW_PRIORITY,
                "LOW, woken without it: no notify of WriteUnderLockPastFreezeGate.gate.freezeLock is reached with "
                        + "this (WriteUnderLockPastFreezeGate) taken");
    }

    /** The notify of the gate's unfreeze, which changes what the wait tests, is reached under the held monitor. */
    @Test
    void highWhenTheNotifyReachedUnderTheLockChangesTheWaitCondition() {
        assertExactly(ThawUnderWriterLockBug.class, report(WAIT, "write", 21));
        assertRanked(ThawUnderWriterLockBug.class, "write", 21, Priorities.HIGH_PRIORITY,
                "HIGH, deadlock: what ends the wait needs this (ThawUnderWriterLockBug) (the notify in "
                        + "FreezeGate.unfreeze(), reached from ThawUnderWriterLockBug.thaw() with the lock taken)");
        assertExactly(ThawOutsideWriterLockFixed.class);
    }

    /** The wait runs only while an address nothing sets back to null is unset: at most until start-up sets it. */
    @Test
    void waitForStateSetOnceAndNeverClearedIsOneTimeInitialisation() {
        assertExactly(StartupAddressWait.class, report(WAIT, "leaderAddress", 62));
        assertRanked(StartupAddressWait.class, "leaderAddress", 62, Priorities.LOW_PRIORITY,
                "LOW, one-time initialisation: it runs only while StartupAddressWait.Peer.address.get() is null, which "
                        + "no code sets back to null once set");
    }

    /** An address cleared on disconnect is waited for again and again: the reconfigurer behind the lock is HIGH. */
    @Test
    void waitForStateSetBackToNullIsNoOneTimeInitialisation() {
        assertExactly(ClearedAddressWaitBug.class, report(WAIT, "leaderAddress", 23));
        assertRanked(ClearedAddressWaitBug.class, "leaderAddress", 23, Priorities.HIGH_PRIORITY,
                "HIGH, deadlock: what ends the wait needs this (ClearedAddressWaitBug) (the notify in "
                        + "AddressSlot.set(String, int), reached from ClearedAddressWaitBug.reconfigure(String, int)");
        assertExactly(ClearedAddressWaitFixed.class);
    }

    /** A peer's epoch read while its cached value is the starting -1, which the read then replaces, is read once. */
    @Test
    void readWhileACachedValueHasItsStartingConstantIsOneTimeInitialisation() {
        assertExactly(CachedEpochUnderLock.class, report(IO, "elect", 28), report(IO, "electFresh", 34));
        assertRanked(CachedEpochUnderLock.class, "elect", 28, Priorities.LOW_PRIORITY,
                "LOW, one-time initialisation: it runs only while CachedEpochUnderLock.Peer.epoch has its starting "
                        + "value, and the code under that test sets it");
        assertRanked(CachedEpochUnderLock.class, "electFresh", 34, Priorities.NORMAL_PRIORITY,
                "NORMAL, stalls other work: CachedEpochUnderLock.rounds() takes this");
    }

    /** A cached length cleared back to zero elsewhere is counted again after each clear: not one-time. */
    @Test
    void readWhileACacheThatIsClearedElsewhereIsEmptyIsNoOneTimeInitialisation() {
        assertExactly(ClearedLengthCacheUnderLock.class, report(IO, "length", 28));
        assertRanked(ClearedLengthCacheUnderLock.class, "length", 28, Priorities.NORMAL_PRIORITY,
                "NORMAL, stalls other work: ClearedLengthCacheUnderLock.t");
    }

    /** File I/O in a method named for start-up is LOW, a guess the message states; a read from a peer is not. */
    @Test
    void localFileIoInAStartMethodIsLowAndPeerIoIsNot() {
        assertExactly(StartupConfigReadUnderLock.class, report(IO, "start", 29), report(IO, "startRemote", 37));
        assertRanked(StartupConfigReadUnderLock.class, "start", 29, Priorities.LOW_PRIORITY,
                "LOW, start-up (guessed from the name): StartupConfigReadUnderLock.start() reads or writes local files "
                        + "while it starts");
        assertRanked(StartupConfigReadUnderLock.class, "startRemote", 37, Priorities.NORMAL_PRIORITY,
                "NORMAL, stalls other work: StartupConfigReadUnderLock.status() takes this");
    }

    @Test
    void normalWhenOtherWorkOnTheLockStallsBehindIt() {
        assertRanked(SocketReadUnderLockBug.class, "readChunk", 26, Priorities.NORMAL_PRIORITY,
                "NORMAL, stalls other work: SocketReadUnderLockBug.bytesRead() takes this (SocketReadUnderLockBug)");
    }

    /** A future launched in the waiting method is the task's (a future a library call returned is not: NORMAL). */
    @Test
    void futureOfATaskLaunchedThereIsHigh() {
        assertRanked(FutureGetUnderLockBug.class, "refresh", 28, Priorities.HIGH_PRIORITY,
                "(assumed: the task FutureGetUnderLockBug.load() its class launches");
        assertRanked(CompletableJoinUnderLockBug.class, "reprice", 30, Priorities.HIGH_PRIORITY,
                "(assumed: the task CompletableJoinUnderLockBug.nextPrice() its class launches");
    }

    @Test
    void lockThatOnlySerialisesTheStreamIsLow() {
        assertExactly(ReadLockSerialisesStream.class, report(IO, "readFrame", 27), report(IO, "readByte", 38));
        assertRanked(ReadLockSerialisesStream.class, "readFrame", 27, Priorities.LOW_PRIORITY,
                "LOW, serialises the resource: every region of ReadLockSerialisesStream.readLock");
        assertRanked(ReadLockSerialisesStream.class, "readByte", 38, Priorities.LOW_PRIORITY,
                "LOW, serialises the resource");
    }

    @Test
    void ioUnderAReadHoldIsLowAndUnderTheWriteHoldStallsOtherWriters() {
        assertExactly(ReadHoldQueriesStore.class, report(IO, "find", 37), report(IO, "reload", 48));
        assertRanked(ReadHoldQueriesStore.class, "find", 37, Priorities.LOW_PRIORITY,
                "LOW, read hold: other readers share ReadHoldQueriesStore.lock.readLock(), so the I/O stalls only "
                        + "writers");
        assertRanked(ReadHoldQueriesStore.class, "reload", 48, Priorities.NORMAL_PRIORITY,
                "NORMAL, stalls other work: ReadHoldQueriesStore.add(String, String) takes");
    }

    @Test
    void readOfAnInMemoryReaderACallerMadeIsNoIo() {
        assertExactly(ParsedListUnderLock.class, report(IO, "checkFile", 31));
        assertRanked(ParsedListUnderLock.class, "checkFile", 31, Priorities.NORMAL_PRIORITY,
                "NORMAL, stalls other work: ParsedListUnderLock.listen(Runnable) takes this (ParsedListUnderLock)");
    }

    @Test
    void ioUnderTheMonitorOfAStreamIsLowThoughOtherWorkTakesIt() {
        assertExactly(CountingStreamOwnLock.class, report(IO, "read", 24));
        assertRanked(CountingStreamOwnLock.class, "read", 24, Priorities.LOW_PRIORITY, "LOW, the lock belongs to the"
                + " resource: this (CountingStreamOwnLock) is a java.io.InputStream, whose own I/O");
    }

    @Test
    void ioUnderTheLockObjectOfAReaderIsLow() {
        assertExactly(DecodingReaderSharedLock.class, report(IO, "read", 28));
        assertRanked(DecodingReaderSharedLock.class, "read", 28, Priorities.LOW_PRIORITY, "LOW, the lock belongs to"
                + " the resource: DecodingReaderSharedLock.lock is a lock of this (DecodingReaderSharedLock), a"
                + " java.io.Reader");
    }

    @Test
    void ioUnderTheMonitorOfASharedSourceOfStreamsStaysNormal() {
        assertExactly(CountingStreamSourceUnderLockBug.class, report(IO, "get", 31));
        assertRanked(CountingStreamSourceUnderLockBug.class, "get", 31, Priorities.NORMAL_PRIORITY,
                "NORMAL, stalls other work: CountingStreamSourceUnderLockBug.handedOut() takes");
    }

    @Test
    void confinedLockObjectsAreLow() {
        assertExactly(ConfinedLockRead.class, report(IO, "readAll", 26), report(IO, "readObject", 38));
        assertRanked(ConfinedLockRead.class, "readAll", 26, Priorities.LOW_PRIORITY, "LOW, confined");
        assertRanked(ConfinedLockRead.class, "readObject", 38, Priorities.LOW_PRIORITY, "LOW, confined");
    }

    @Test
    void callsThatCannotBlockOnThePathThatRunsAreNotReported() {
        assertExactly(CannotBlockUnderLock.class);
    }

    /** {@code next(true)} waits in the helper's {@code take()}; {@code next(false)}, the same call, only polls. */
    @Test
    void helperCalledWithAConstantFalseBlockFlagIsNotReported() {
        assertExactly(BlockFlagUnderLock.class, report(BLOCKING, "receive", 21));
        assertRanked(BlockFlagUnderLock.class, "receive", 21, Priorities.NORMAL_PRIORITY, "NORMAL, stalls other work");
    }

    /** Holders that reach one blocking call side by side, neither through the other, are separate roots. */
    @Test
    void siblingHoldersOfOneBlockingCallAreReportedEach() {
        assertExactly(SiblingHoldersOfOneHelper.class, report(BLOCKING, "bill", 38), report(BLOCKING, "mail", 57));
    }
}
