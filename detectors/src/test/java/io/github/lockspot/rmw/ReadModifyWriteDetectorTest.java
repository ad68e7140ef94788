package io.github.lockspot.rmw;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.umd.cs.findbugs.BugAnnotation;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import io.github.lockspot.fixtures.rmw.ClaimRegistryBug;
import io.github.lockspot.fixtures.rmw.ClaimRegistryFixed;
import io.github.lockspot.fixtures.rmw.ChannelCacheBug;
import io.github.lockspot.fixtures.rmw.ChannelCacheFixed;
import io.github.lockspot.fixtures.rmw.GuardedMapClaimBug;
import io.github.lockspot.fixtures.rmw.GuardedMapClaimFixed;
import io.github.lockspot.fixtures.rmw.PermitCounterBug;
import io.github.lockspot.fixtures.rmw.PermitCounterFixed;
import io.github.lockspot.fixtures.rmw.OneShotStartBug;
import io.github.lockspot.fixtures.rmw.OneShotStartFixed;
import io.github.lockspot.fixtures.rmw.PendingBytesBug;
import io.github.lockspot.fixtures.rmw.PendingBytesFixed;
import io.github.lockspot.fixtures.rmw.LocalMapFirstPositions;
import io.github.lockspot.fixtures.rmw.TwoThreadsOneTaskBug;
import io.github.lockspot.fixtures.rmw.TwoThreadsOneTaskFixed;
import io.github.lockspot.fixtures.rmw.RepeatedCountBug;
import io.github.lockspot.fixtures.rmw.RepeatedCountFixed;
import io.github.lockspot.fixtures.rmw.ProgressThreadBug;
import io.github.lockspot.fixtures.rmw.ProgressThreadFixed;
import io.github.lockspot.fixtures.rmw.ElectionClock;
import io.github.lockspot.fixtures.rmw.WakeupSignal;
import io.github.lockspot.fixtures.rmw.RecheckedUnderLock;
import io.github.lockspot.fixtures.rmw.SinkTaskUpdates;
import io.github.lockspot.fixtures.rmw.AtomicTotalBug;
import io.github.lockspot.fixtures.rmw.AtomicTotalFixed;
import io.github.lockspot.fixtures.rmw.GuardedAccountBug;
import io.github.lockspot.fixtures.rmw.GuardedAccountFixed;
import io.github.lockspot.fixtures.rmw.GuardedByFormsBug;
import io.github.lockspot.fixtures.rmw.GuardedByFormsFixed;
import io.github.lockspot.fixtures.rmw.HandedStatsBug;
import io.github.lockspot.fixtures.rmw.HandedStatsFixed;
import io.github.lockspot.fixtures.rmw.HeartbeatOwnerBug;
import io.github.lockspot.fixtures.rmw.HeartbeatOwnerFixed;
import io.github.lockspot.fixtures.rmw.HitCounterBug;
import io.github.lockspot.fixtures.rmw.HitCounterFixed;
import io.github.lockspot.fixtures.rmw.InFlightIoBug;
import io.github.lockspot.fixtures.rmw.InFlightIoFixed;
import io.github.lockspot.fixtures.rmw.InventoryBug;
import io.github.lockspot.fixtures.rmw.InventoryFixed;
import io.github.lockspot.fixtures.rmw.LockedHelperBug;
import io.github.lockspot.fixtures.rmw.LockedHelperFixed;
import io.github.lockspot.fixtures.rmw.ParallelSumBug;
import io.github.lockspot.fixtures.rmw.ParallelSumFixed;
import io.github.lockspot.fixtures.rmw.RequestStatsBug;
import io.github.lockspot.fixtures.rmw.RequestStatsFixed;
import io.github.lockspot.fixtures.rmw.SharedTallyBug;
import io.github.lockspot.fixtures.rmw.SharedTallyFixed;
import io.github.lockspot.fixtures.rmw.SingleWriterSequence;
import io.github.lockspot.fixtures.rmw.SizeTracker;
import io.github.lockspot.fixtures.rmw.SplitUpdateBug;
import io.github.lockspot.fixtures.rmw.SplitUpdateFixed;
import io.github.lockspot.fixtures.rmw.SynchronizerSegment;
import io.github.lockspot.fixtures.rmw.TaskCounterBug;
import io.github.lockspot.fixtures.rmw.TickerThreadClock;
import io.github.lockspot.fixtures.rmw.TaskCounterFixed;
import io.github.lockspot.fixtures.rmw.TaskLocalTally;
import io.github.lockspot.fixtures.rmw.ThreadLocalTally;
import io.github.lockspot.fixtures.rmw.VolatileFlagLockedWrites;
import io.github.lockspot.fixtures.rmw.VolatileProgressSkipBug;
import io.github.lockspot.fixtures.rmw.VolatileProgressWorker;
import io.github.lockspot.fixtures.rmw.VolatileRandomBug;
import io.github.lockspot.fixtures.rmw.VolatileScanHint;
import io.github.lockspot.fixtures.rmw.VolatileRandomFixed;
import io.github.lockspot.fixtures.rmw.WordCountBug;
import io.github.lockspot.fixtures.rmw.WordCountFixed;
import io.github.lockspot.fixtures.rmw.WorkerOwnCounter;
import io.github.lockspot.fixtures.rmw.WorkerThreadBug;
import io.github.lockspot.fixtures.rmw.WorkerTallyPool;
import io.github.lockspot.fixtures.rmw.WorkerTallyResetBug;
import io.github.lockspot.fixtures.rmw.WorkerThreadFixed;
import io.github.lockspot.fixtures.seed.CounterBug;
import io.github.lockspot.fixtures.seed.CounterFixed;
import io.github.lockspot.fixtures.seed.ReadersWriterBug;
import io.github.lockspot.testing.FixtureReports;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact reports of the RMW detector on each fixture: every buggy class gets one report at its racy update (type,
 * method, line of the update in the fixture source), every fixed twin and correct shape none.
 */
class ReadModifyWriteDetectorTest {

    private static BugInstance onlyReport(Class<?> fixture) {
        List<BugInstance> reports = FixtureReports.reportsOn(fixture, List.of("RMW_"));
        assertEquals(1, reports.size(), "RMW reports on " + fixture.getSimpleName());
        return reports.get(0);
    }

    /** The one RMW report on {@code fixture} is {@code expected}, of {@code priority}, its message ending so. */
    private static void assertOnlyReport(Class<?> fixture, FixtureReports.Expected expected, int priority,
            String ending) {
        assertExactly(fixture, expected);
        BugInstance bug = onlyReport(fixture);
        String message = bug.getMessageWithoutPrefix();
        assertEquals(priority, bug.getPriority(), message);
        assertTrue(message.endsWith(ending), message);
    }

    /** A task reaching an update only through one of two implementations of an interface is a guess: LOW, saying so. */
    @Test
    void taskUpdateReachedThroughOneOfSeveralImplementationsIsLowAndNamesTheGuess() {
        assertExactly(SinkTaskUpdates.class, report("RMW_THREAD_SHARED_UPDATE", "put", 30),
                report("RMW_THREAD_SHARED_UPDATE", "add", 51));
        for (BugInstance bug : FixtureReports.reportsOn(SinkTaskUpdates.class, List.of("RMW_"))) {
            String message = bug.getMessageWithoutPrefix();
            boolean guessed = bug.getPrimaryMethod().getMethodName().equals("put");
            assertEquals(guessed ? Priorities.LOW_PRIORITY : Priorities.HIGH_PRIORITY, bug.getPriority(), message);
            assertEquals(guessed, message.contains("guessed: the task reaches it only if the code assumed "
                    + "SinkTaskUpdates.Tally.put(int) for SinkTaskUpdates.Sink.put(int), one of 2 implementations"),
                    message);
        }
    }

    private static List<Integer> furtherLines(BugInstance bug, String role) {
        List<Integer> lines = new ArrayList<>();
        for (BugAnnotation annotation : bug.getAnnotations()) {
            if (annotation instanceof SourceLineAnnotation line && role.equals(line.getDescription())) {
                lines.add(line.getStartLine());
            }
        }
        return lines;
    }

    /** A buggy shape with its one report, and its fixed twin, which gets none. */
    record Twin(String shape, Class<?> bug, FixtureReports.Expected report, Class<?> fixed) {
        @Override
        public String toString() {
            return shape;
        }
    }

    static Stream<Twin> twins() {
        return Stream.of(
                new Twin("the monitor skipped on a fast path", HitCounterBug.class,
                        report("RMW_INCONSISTENTLY_GUARDED_UPDATE", "hitWithoutLock", 27), HitCounterFixed.class),
                new Twin("a ReentrantLock skipped in one method", InventoryBug.class,
                        report("RMW_INCONSISTENTLY_GUARDED_UPDATE", "restock", 34), InventoryFixed.class),
                new Twin("the lock released between the read and the write", SplitUpdateBug.class,
                        report("RMW_INCONSISTENTLY_GUARDED_UPDATE", "deposit", 26), SplitUpdateFixed.class),
                new Twin("a volatile seed stepped without a lock", VolatileRandomBug.class,
                        report("RMW_VOLATILE_UPDATE", "next", 29), VolatileRandomFixed.class),
                new Twin("a lambda submitted in a loop updates its object's field", TaskCounterBug.class,
                        report("RMW_THREAD_SHARED_UPDATE", "lambda$processAll$0", 29), TaskCounterFixed.class),
                new Twin("Thread subclasses started in a loop update a static", WorkerThreadBug.class,
                        report("RMW_THREAD_SHARED_UPDATE", "run", 26), WorkerThreadFixed.class),
                new Twin("a parallel stream adds into a field", ParallelSumBug.class,
                        report("RMW_THREAD_SHARED_UPDATE", "lambda$sumTo$0", 19), ParallelSumFixed.class),
                new Twin("a @GuardedBy field updated without its lock", GuardedAccountBug.class,
                        report("RMW_GUARDED_BY_VIOLATION", "withdraw", 27), GuardedAccountFixed.class),
                new Twin("a @ThreadSafe class updates without a lock", RequestStatsBug.class,
                        report("RMW_GUARDED_BY_VIOLATION", "record", 19), RequestStatsFixed.class),
                new Twin("an atomic updated by get then set", AtomicTotalBug.class,
                        report("RMW_ATOMIC_GET_THEN_SET", "add", 19), AtomicTotalFixed.class),
                new Twin("a concurrent map updated by get then put", WordCountBug.class,
                        report("RMW_MAP_CHECK_THEN_ACT", "add", 20), WordCountFixed.class),
                new Twin("a concurrent map put after containsKey", ClaimRegistryBug.class,
                        report("RMW_MAP_CHECK_THEN_ACT", "claim", 20), ClaimRegistryFixed.class),
                new Twin("a plain map guarded elsewhere put after containsKey", GuardedMapClaimBug.class,
                        report("RMW_MAP_CHECK_THEN_ACT", "claim", 22), GuardedMapClaimFixed.class),
                new Twin("an atomic incremented after a test of get()", PermitCounterBug.class,
                        report("RMW_ATOMIC_GET_THEN_SET", "tryAcquire", 26), PermitCounterFixed.class),
                new Twin("an atomic flag set after a test of get()", OneShotStartBug.class,
                        report("RMW_ATOMIC_GET_THEN_SET", "start", 20), OneShotStartFixed.class),
                new Twin("a guarded counter read then reset without its lock", PendingBytesBug.class,
                        report("RMW_INCONSISTENTLY_GUARDED_UPDATE", "drain", 28), PendingBytesFixed.class),
                new Twin("one Runnable object handed to two threads", TwoThreadsOneTaskBug.class,
                        report("RMW_THREAD_SHARED_UPDATE", "run", 25), TwoThreadsOneTaskFixed.class),
                new Twin("one Callable object submitted in a loop", RepeatedCountBug.class,
                        report("RMW_THREAD_SHARED_UPDATE", "call", 31), RepeatedCountFixed.class),
                new Twin("a worker thread's field also updated by the thread that started it",
                        ProgressThreadBug.class, report("RMW_THREAD_SHARED_UPDATE", "run", 24),
                        ProgressThreadFixed.class),
                new Twin("a closed method's update, one caller without the owner's monitor", HeartbeatOwnerBug.class,
                        report("RMW_VOLATILE_UPDATE", "fail", 37), HeartbeatOwnerFixed.class),
                new Twin("an update holding another lock than the field's guard", InFlightIoBug.class,
                        report("RMW_INCONSISTENTLY_GUARDED_UPDATE", "giveUp", 36), InFlightIoFixed.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twins")
    void bugIsReportedAtItsUpdateAndItsFixedTwinIsNot(Twin twin) {
        assertExactly(twin.bug(), twin.report());
        assertExactly(twin.fixed());
    }

    @Nested
    class Seed {
        @Test
        void volatileCounterIncrementedByManyThreads() {
            assertExactly(CounterBug.class, report("RMW_VOLATILE_UPDATE", "increment", 21));
        }

        @Test
        void counterUpdatedUnderTheLock() {
            assertExactly(CounterFixed.class);
        }

        @Test
        void readerCountUpdatedUnderItsGuard() {
            assertEquals(List.of(), FixtureReports.reportsOn(ReadersWriterBug.class, List.of("RMW_")));
        }
    }

    @Nested
    class InconsistentlyGuarded {
        @Test
        void reportNamesTheGuardAndHowManyAccessesHoldIt() {
            BugInstance bug = onlyReport(HitCounterBug.class);
            assertTrue(bug.getMessageWithoutPrefix().endsWith(
                    "without holding HitCounterBug.lock from the read to the write; 4 of 6 accesses hold it"),
                    bug.getMessageWithoutPrefix());
            assertEquals(List.of(21), furtherLines(bug, "SOURCE_LINE_SYNC_ACCESS"), "hits++ in hit()");
        }

        @Test
        void privateHelperCalledOnceWithoutTheLock() {
            assertExactly(LockedHelperBug.class, report("RMW_INCONSISTENTLY_GUARDED_UPDATE", "count", 40));
            BugInstance bug = onlyReport(LockedHelperBug.class);
            String message = bug.getMessageWithoutPrefix();
            assertTrue(message.endsWith("2 of 4 accesses hold it"), message);
            assertEquals(List.of("25: Side 1, step 1: calls LockedHelperBug.count(int)"), FixtureReports.steps(bug),
                    "count(bytes) in recordBatch");
        }

        @Test
        void countOfTheOneWorkerThreadThatWritesItIsAGuess() {
            assertOnlyReport(WorkerTallyPool.class, report("RMW_INCONSISTENTLY_GUARDED_UPDATE", "runWorker", 55),
                    Priorities.LOW_PRIORITY, "2 of 4 accesses hold it; but guessed harmless: every write is in "
                            + "WorkerTallyPool.Worker.run() or code only it calls, which one thread runs");
        }

        @Test
        void countAlsoResetByAnotherThread() {
            assertExactly(WorkerTallyResetBug.class, report("RMW_INCONSISTENTLY_GUARDED_UPDATE", "runWorker", 53));
            assertEquals(Priorities.NORMAL_PRIORITY, onlyReport(WorkerTallyResetBug.class).getPriority());
        }

        @Test
        void updateUnderAnotherLockNamesTheLockItHolds() {
            assertOnlyReport(InFlightIoBug.class, report("RMW_INCONSISTENTLY_GUARDED_UPDATE", "giveUp", 36),
                    Priorities.HIGH_PRIORITY, "5 of 7 accesses hold it; it holds InFlightIoBug.giveUpMonitor instead, "
                            + "which those accesses do not take");
        }

        @Test
        void privateHelperOnlyEverCalledWithTheLock() {
            assertExactly(LockedHelperFixed.class);
        }
    }

    @Nested
    class Volatile {
        @Test
        void volatileWrittenOnlyByItsWorkerThreadIsAGuess() {
            assertOnlyReport(VolatileProgressWorker.class, report("RMW_VOLATILE_UPDATE", "advance", 33),
                    Priorities.LOW_PRIORITY, "guessed harmless: every write is in VolatileProgressWorker.run() or "
                            + "code only it calls, which one thread runs");
        }

        @Test
        void volatileWrittenOnlyByAThreadMadeOnceIsAGuess() {
            assertExactly(TickerThreadClock.class, report("RMW_VOLATILE_UPDATE", "run", 19));
            BugInstance bug = onlyReport(TickerThreadClock.class);
            assertEquals(Priorities.LOW_PRIORITY, bug.getPriority(), bug.getMessageWithoutPrefix());
        }

        @Test
        void volatileWrittenByTheWorkerAndByItsCreator() {
            assertExactly(VolatileProgressSkipBug.class, report("RMW_VOLATILE_UPDATE", "run", 26),
                    report("RMW_VOLATILE_UPDATE", "skip", 33));
            for (BugInstance bug : FixtureReports.reportsOn(VolatileProgressSkipBug.class, List.of("RMW_"))) {
                assertEquals(Priorities.NORMAL_PRIORITY, bug.getPriority(), bug.getMessageWithoutPrefix());
                assertTrue(bug.getMessageWithoutPrefix().endsWith(
                        "another thread may write it between the read and the write"), bug.getMessageWithoutPrefix());
            }
        }

        @Test
        void volatileScanHintIsAGuess() {
            assertOnlyReport(VolatileScanHint.class, report("RMW_VOLATILE_UPDATE", "claim", 26),
                    Priorities.LOW_PRIORITY, "a scan's position kept as a hint for the next scan");
        }

        @Test
        void volatileUpdatedUnderASynchronizerOfItsOwn() {
            assertExactly(SynchronizerSegment.class);
        }

        @Test
        void volatileReadFreelyButUpdatedUnderALock() {
            assertExactly(VolatileFlagLockedWrites.class);
        }
    }

    @Nested
    class ThreadShared {
        @Test
        void reportNamesTheLaunch() {
            BugInstance bug = onlyReport(TaskCounterBug.class);
            assertTrue(bug.getMessageWithoutPrefix().endsWith("which runs in a lambda launched in "
                    + "TaskCounterBug.processAll(), many copies at once (launched in a loop)"),
                    bug.getMessageWithoutPrefix());
            assertEquals(List.of(26), furtherLines(bug, "SOURCE_LINE_INVOKED"), "pool.submit");
        }

        @Test
        void tasksShareACapturedObject() {
            assertExactly(SharedTallyBug.class, report("RMW_THREAD_SHARED_UPDATE", "lambda$countMatches$0", 37));
        }

        @Test
        void eachTaskGetsAnObjectMadeForItsLaunch() {
            assertExactly(SharedTallyFixed.class);
        }

        @Test
        void objectsMadeInsideTheTaskStayThere() {
            assertExactly(TaskLocalTally.class);
        }

        @Test
        void taskObjectsOwnFieldsArePerTask() {
            assertExactly(WorkerOwnCounter.class);
        }

        @Test
        void oneTaskObjectLaunchedTwiceIsHigh() {
            assertOnlyReport(TwoThreadsOneTaskBug.class, report("RMW_THREAD_SHARED_UPDATE", "run", 25),
                    Priorities.HIGH_PRIORITY, "TwoThreadsOneTaskBug.run() launched in TwoThreadsOneTaskBug."
                            + "countTwice(), and elsewhere: several copies at once");
            assertOnlyReport(RepeatedCountBug.class, report("RMW_THREAD_SHARED_UPDATE", "call", 31),
                    Priorities.HIGH_PRIORITY, "many copies at once (launched in a loop)");
        }

        @Test
        void workerFieldAlsoUpdatedByItsStarterIsNormal() {
            assertOnlyReport(ProgressThreadBug.class, report("RMW_THREAD_SHARED_UPDATE", "run", 24),
                    Priorities.NORMAL_PRIORITY, "ProgressThreadBug.run() launched in ProgressThreadBug.runSkipping(), "
                            + "which also updates it while the task runs");
        }

        @Test
        void taskObjectsHandedOneObjectByTheirConstructor() {
            assertExactly(HandedStatsBug.class, report("RMW_THREAD_SHARED_UPDATE", "run", 38));
        }

        @Test
        void taskObjectsHandedAnObjectMadeForEach() {
            assertExactly(HandedStatsFixed.class);
        }

        @Test
        void threadLocalObjectsAreEachThreadsOwn() {
            assertExactly(ThreadLocalTally.class);
        }
    }

    @Nested
    class Declared {
        @Test
        void everyGuardFormFromEveryPackage() {
            String violation = "RMW_GUARDED_BY_VIOLATION";
            assertExactly(GuardedByFormsBug.class, report(violation, "countUnlocked", 60),
                    report(violation, "resetCount", 65), report(violation, "addUnlocked", 82),
                    report(violation, "createdUnlocked", 92), report(violation, "registerUnlocked", 104),
                    report(violation, "bumpUnlocked", 118), report(violation, "holdUnlocked", 131),
                    report(violation, "countMutexUnlocked", 146), report(violation, "bumpVersionUnderReadLock", 183),
                    report(violation, "countViaMethodUnlocked", 202), report(violation, "nameUnlocked", 214));
            assertExactly(GuardedByFormsFixed.class);
        }

        @Test
        void readModifyWritesAreHighPlainWritesAndCallsNormal() {
            for (BugInstance bug : FixtureReports.reportsOn(GuardedByFormsBug.class, List.of("RMW_"))) {
                String method = bug.getPrimaryMethod().getMethodName();
                boolean plain = method.equals("resetCount") || method.equals("nameUnlocked");
                assertEquals(plain ? Priorities.NORMAL_PRIORITY : Priorities.HIGH_PRIORITY, bug.getPriority(),
                        bug.getMessageWithoutPrefix());
            }
        }
    }

    @Nested
    class CheckThenAct {
        @Test
        void checkedPutOnAConcurrentMapIsNormal() {
            assertOnlyReport(ClaimRegistryBug.class, report("RMW_MAP_CHECK_THEN_ACT", "claim", 20),
                    Priorities.NORMAL_PRIORITY, "ClaimRegistryBug.owners.put() runs only after a test of "
                            + "ClaimRegistryBug.owners.containsKey() in io.github.lockspot.fixtures.rmw."
                            + "ClaimRegistryBug.claim(String, String); another thread can change the entry in between");
        }

        @Test
        void plainMapNamesTheLockItsOtherAccessesHold() {
            assertOnlyReport(GuardedMapClaimBug.class, report("RMW_MAP_CHECK_THEN_ACT", "claim", 22),
                    Priorities.NORMAL_PRIORITY, "the map is not made for concurrent use, and 3 of 5 accesses of "
                            + "GuardedMapClaimBug.owners hold this (GuardedMapClaimBug)");
        }

        @Test
        void atomicTestedThenIncrementedIsNormal() {
            assertOnlyReport(PermitCounterBug.class, report("RMW_ATOMIC_GET_THEN_SET", "tryAcquire", 26),
                    Priorities.NORMAL_PRIORITY, "PermitCounterBug.inUse.incrementAndGet() runs only after a "
                            + "test of PermitCounterBug.inUse.get() in io.github.lockspot.fixtures.rmw.PermitCounterBug"
                            + ".tryAcquire(); updates made in between are lost");
        }

        @Test
        void readThenResetNamesTheGuard() {
            assertOnlyReport(PendingBytesBug.class, report("RMW_INCONSISTENTLY_GUARDED_UPDATE", "drain", 28),
                    Priorities.NORMAL_PRIORITY, "3 of 5 accesses hold it; it is read, then overwritten (a "
                            + "read-then-reset): updates made in between are lost");
        }

        @Test
        void cacheFilledOnAMissIsAGuess() {
            assertOnlyReport(ChannelCacheBug.class, report("RMW_MAP_CHECK_THEN_ACT", "channelFor", 31),
                    Priorities.LOW_PRIORITY, "guessed harmless: a cache filled on a miss, where both threads put "
                            + "alike values");
            assertExactly(ChannelCacheFixed.class);
        }

        @Test
        void atomicMovedToALargerValueAfterATest() {
            assertExactly(ElectionClock.class);
        }

        @Test
        void checkedAgainUnderTheLockOrClearingItsOwnFlag() {
            assertExactly(RecheckedUnderLock.class);
        }

        @Test
        void atomicFlagConsumedAfterATest() {
            assertExactly(WakeupSignal.class);
        }

        @Test
        void mapMadeAndFilledInOneMethod() {
            assertExactly(LocalMapFirstPositions.class);
        }
    }

    @Nested
    class ThroughCalls {
        @Test
        void atomicPublishedByItsOneWriter() {
            assertExactly(SingleWriterSequence.class);
        }
    }

    /**
     * Priority follows the strength of the evidence: a declaration or a guard most accesses hold is high, half of
     * them normal; volatile alone (the author says it is shared) normal, volatile with tasks on several threads
     * updating it high, volatile written only by one thread (a worker's own run()) low.
     */
    @Test
    void prioritiesFollowTheStrengthOfEvidence() {
        assertEquals(Priorities.HIGH_PRIORITY, onlyReport(GuardedAccountBug.class).getPriority());
        assertEquals(Priorities.HIGH_PRIORITY, onlyReport(HitCounterBug.class).getPriority(), "4 of 6 hold it");
        assertEquals(Priorities.NORMAL_PRIORITY, onlyReport(LockedHelperBug.class).getPriority(), "2 of 4 hold it");
        assertEquals(Priorities.NORMAL_PRIORITY, onlyReport(VolatileRandomBug.class).getPriority());
        assertEquals(Priorities.LOW_PRIORITY, onlyReport(VolatileProgressWorker.class).getPriority(), "one writer");
        assertEquals(Priorities.HIGH_PRIORITY, onlyReport(CounterBug.class).getPriority(), "threads in a loop");
        assertEquals(Priorities.HIGH_PRIORITY, onlyReport(TaskCounterBug.class).getPriority(), "launched in a loop");
    }

    @Test
    void singleThreadedClassWithIncrementsIsNotAFinding() {
        assertExactly(SizeTracker.class);
    }
}
