package io.github.lockspot.dlk;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.umd.cs.findbugs.BugAnnotation;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.StringAnnotation;
import io.github.lockspot.fixtures.dlk.CooperatingObjectsBug;
import io.github.lockspot.fixtures.dlk.CooperatingObjectsFixed;
import io.github.lockspot.fixtures.dlk.FallbackLockBug;
import io.github.lockspot.fixtures.dlk.FallbackLockFixed;
import io.github.lockspot.fixtures.dlk.GateLockFixed;
import io.github.lockspot.fixtures.dlk.GateLockHelpersFixed;
import io.github.lockspot.fixtures.dlk.InnerTryLockFixed;
import io.github.lockspot.fixtures.dlk.InterfaceMonitorFixed;
import io.github.lockspot.fixtures.dlk.InheritedCloseHandles;
import io.github.lockspot.fixtures.dlk.ListenerCallbackBug;
import io.github.lockspot.fixtures.dlk.ListenerCallbackFixed;
import io.github.lockspot.fixtures.dlk.MixedLockCycleBug;
import io.github.lockspot.fixtures.dlk.MixedLockCycleFixed;
import io.github.lockspot.fixtures.dlk.PartialGateBug;
import io.github.lockspot.fixtures.dlk.PoolReturnCycleBug;
import io.github.lockspot.fixtures.dlk.PoolReturnCycleFixed;
import io.github.lockspot.fixtures.dlk.ReadReadNoCycleFixed;
import io.github.lockspot.fixtures.dlk.ReadWriteCycleBug;
import io.github.lockspot.fixtures.dlk.SequentialLocksFixed;
import io.github.lockspot.fixtures.dlk.SharedSyncBug;
import io.github.lockspot.fixtures.dlk.SharedSyncFixed;
import io.github.lockspot.fixtures.dlk.ThreeLockCycleBug;
import io.github.lockspot.fixtures.dlk.ThreeLockCycleFixed;
import io.github.lockspot.fixtures.dlk.ThroughCallsCycleBug;
import io.github.lockspot.fixtures.dlk.ThroughCallsCycleFixed;
import io.github.lockspot.fixtures.dlk.UncalledSwitchBug;
import io.github.lockspot.fixtures.dlk.UncalledSwitchFixed;
import io.github.lockspot.fixtures.dlk.WrapperStacksFixed;
import io.github.lockspot.fixtures.seed.ReentrancyFixed;
import io.github.lockspot.fixtures.seed.TwoLockDeadlockBug;
import io.github.lockspot.fixtures.seed.TwoLockOrderedFixed;
import io.github.lockspot.fixtures.seed.TwoLockTryLockFixed;
import io.github.lockspot.testing.FixtureReports;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code DLK_LOCK_ORDER_CYCLE}: one report per cycle, at the first edge's nesting point (where the holder of the
 * first lock in sorted order takes, or calls towards, the next), naming every lock and every acquisition site; none
 * for the nearest correct shapes.
 */
class LockOrderCycleTest {
    private static final String CYCLE = "DLK_LOCK_ORDER_CYCLE";

    @Test
    void seedTwoLocksInOppositeOrders() {
        // lockA sorts first: its edge is thread1Work's synchronized (lockB), line 34.
        assertExactly(TwoLockDeadlockBug.class, report(CYCLE, "thread1Work", 34));
    }

    @Test
    void seedFixesAreSilent() {
        assertExactly(TwoLockOrderedFixed.class);
        assertExactly(TwoLockTryLockFixed.class);
        assertExactly(ReentrancyFixed.class);
    }

    @Test
    void cooperatingObjectsCallingEachOtherUnderTheirMonitors() {
        // Dispatcher sorts before Taxi: its edge is the call taxi.getLocation() in locations(), line 93.
        assertExactly(CooperatingObjectsBug.class, report(CYCLE, "locations", 93));
        assertExactly(CooperatingObjectsFixed.class);
    }

    @Test
    void threeLocksAcrossThreeClassesAreOneCycle() {
        // Billing.lock sorts first: its edge is the call inventory.restock(items) in charge(), line 119. The
        // shortcuts through a held middle lock (reserve() reaching Billing.lock while holding Orders.lock) are no
        // further reports.
        assertExactly(ThreeLockCycleBug.class, report(CYCLE, "charge", 119));
        assertExactly(ThreeLockCycleFixed.class);
    }

    @Test
    void monitorAndReentrantLockInOneCycle() {
        // entriesMonitor sorts first: its edge is storeLock.lock() in refresh(), line 35.
        assertExactly(MixedLockCycleBug.class, report(CYCLE, "refresh", 35));
        assertExactly(MixedLockCycleFixed.class);
    }

    @Test
    void cycleVisibleOnlyThroughCalls() {
        // balancesLock sorts first: its edge is the call log(...) in transfer(), line 39 (the lock: appendLine).
        assertExactly(ThroughCallsCycleBug.class, report(CYCLE, "transfer", 39));
        assertExactly(ThroughCallsCycleFixed.class);
    }

    @Test
    void writeHalfAgainstReadHalfIsACycleTwoReadHalvesAreNot() {
        // statsMonitor sorts first: its edge is tableLock.readLock().lock() in lookupCounted(), line 40; the write half
        // is taken through the field tableWriteLock, the read half through the field tableReadLock in the twin.
        assertExactly(ReadWriteCycleBug.class, report(CYCLE, "lookupCounted", 40));
        assertExactly(ReadReadNoCycleFixed.class);
    }

    @Test
    void commonGateSilencesTheCycleOnlyWhenEveryNestingRunsUnderIt() {
        assertExactly(GateLockFixed.class);
        assertExactly(GateLockHelpersFixed.class);
        // left sorts first: its edge is synchronized (right) in moveLeftToRight(), line 30.
        assertExactly(PartialGateBug.class, report(CYCLE, "moveLeftToRight", 30));
    }

    @Test
    void sequentialAcquisitionsAndInnerTryLocksAreNoEdges() {
        assertExactly(SequentialLocksFixed.class);
        assertExactly(InnerTryLockFixed.class);
    }

    @Test
    void lockTakenAgainThroughItsNullFallbackIsReentry() {
        // synchronized (manager != null ? manager : viewLock): the manager's connect() re-enters the outer lock.
        assertExactly(FallbackLockFixed.class);
        assertExactly(FallbackLockBug.class, report(CYCLE, "setView", 28));
    }

    @Test
    void oneInheritedGetterSeenThroughTwoSubclassesIsOneLock() {
        // ResultSet and Statement both lock the final Child.sync(): one monitor re-entered, no cycle; the twin's
        // Statement overrides sync() to lock itself: two locks in both orders.
        assertExactly(SharedSyncFixed.class);
        assertExactly(SharedSyncBug.class, report(CYCLE, "close", 76));
    }

    @Test
    void sideStartingInAPrivateMethodNothingCallsRanksLowAndSaysSo() {
        assertExactly(UncalledSwitchFixed.class, report(CYCLE, "compress", 17));
        assertEquals(Priorities.LOW_PRIORITY, onlyCycleOn(UncalledSwitchFixed.class).getPriority());
        assertEquals("LOW, never runs: side 2 starts in UncalledSwitchFixed.switchMode(), a private method no analysed"
                + " code calls", rule(UncalledSwitchFixed.class));
        assertExactly(UncalledSwitchBug.class, report(CYCLE, "compress", 16));
        assertEquals(Priorities.NORMAL_PRIORITY, onlyCycleOn(UncalledSwitchBug.class).getPriority());
    }

    @Test
    void cycleThroughAGuessAboutTheImplementationRanksLow() {
        // Registry.lock sorts before any AuditListener: its edge is listener.onChange(key) in put(), line 57; a
        // CountingListener there would take another lock, so the edge is a guess.
        assertExactly(ListenerCallbackBug.class, report(CYCLE, "put", 57));
        assertEquals(Priorities.LOW_PRIORITY, onlyCycleOn(ListenerCallbackBug.class).getPriority());
        assertExactly(ListenerCallbackFixed.class);
    }

    @Test
    void callOnAFieldRunsTheClassTheCodeStoresThereNotAGuess() {
        // Connection.pool is declared Pool, which CountingPool implements too, but every store into it is the
        // IdlePool the DataSource creates: pool.giveBack(this) in close() (line 83) runs IdlePool.giveBack, so the
        // cycle needs no guess. Any Connection sorts before any IdlePool: the report is at that call.
        assertExactly(PoolReturnCycleBug.class, report(CYCLE, "close", 83));
        assertEquals(Priorities.NORMAL_PRIORITY, onlyCycleOn(PoolReturnCycleBug.class).getPriority());
        assertExactly(PoolReturnCycleFixed.class);
    }

    @Test
    void monitorKeptInAFieldOfAnInterfaceTypeIsTheImplementationsMonitor() {
        assertExactly(InterfaceMonitorFixed.class);
    }

    @Test
    void wrappersOfOneInterfaceStackedInBothOrdersAreNoCycle() {
        assertExactly(WrapperStacksFixed.class);
    }

    @Test
    void reportCarriesBothSidesOfTheCycleWithTheirMethodsAndSteps() {
        BugInstance bug = onlyCycleOn(TwoLockDeadlockBug.class);
        // thread1Work: lockA at 32, lockB at 34; thread2Work: lockB at 43, lockA at 45. The primary line comes first.
        assertEquals(List.of(34, 32, 34, 43, 45), lines(bug));
        assertEquals(List.of("32: Side 1, step 1: holds TwoLockDeadlockBug.lockA",
                "34: Side 1, step 2: takes TwoLockDeadlockBug.lockB",
                "43: Side 2, step 1: holds TwoLockDeadlockBug.lockB",
                "45: Side 2, step 2: takes TwoLockDeadlockBug.lockA"), FixtureReports.steps(bug));
        assertEquals(List.of("TwoLockDeadlockBug.thread1Work METHOD_DEFAULT", "TwoLockDeadlockBug.thread1Work Side 1",
                "TwoLockDeadlockBug.thread2Work Side 2"), FixtureReports.methods(bug));
        assertEquals("TwoLockDeadlockBug.lockA → TwoLockDeadlockBug.lockB → TwoLockDeadlockBug.lockA",
                strings(bug).get(0));
        // The sides in words, without lines (they would change the instance hash): lines are the steps' business.
        assertEquals("TwoLockDeadlockBug.thread1Work() holds TwoLockDeadlockBug.lockA and takes "
                + "TwoLockDeadlockBug.lockB; TwoLockDeadlockBug.thread2Work() holds TwoLockDeadlockBug.lockB and takes "
                + "TwoLockDeadlockBug.lockA", strings(bug).get(1));
    }

    @Test
    void throughCallsEverySideShowsItsCallChain() {
        BugInstance bug = onlyCycleOn(ThroughCallsCycleBug.class);
        assertEquals(List.of("34: Side 1, step 1: holds ThroughCallsCycleBug.balancesLock",
                "39: Side 1, step 2: calls ThroughCallsCycleBug.log(String)",
                "59: Side 1, step 3: calls ThroughCallsCycleBug.appendLine(String)",
                "63: Side 1, step 4: takes ThroughCallsCycleBug.journalLock",
                "47: Side 2, step 1: holds ThroughCallsCycleBug.journalLock",
                "51: Side 2, step 2: calls ThroughCallsCycleBug.total()",
                "72: Side 2, step 3: calls ThroughCallsCycleBug.checking()",
                "76: Side 2, step 4: takes ThroughCallsCycleBug.balancesLock"), FixtureReports.steps(bug));
        assertEquals(List.of("ThroughCallsCycleBug.transfer METHOD_DEFAULT", "ThroughCallsCycleBug.transfer Side 1",
                "ThroughCallsCycleBug.log METHOD_CALLED", "ThroughCallsCycleBug.appendLine METHOD_CALLED",
                "ThroughCallsCycleBug.journalReport Side 2", "ThroughCallsCycleBug.total METHOD_CALLED",
                "ThroughCallsCycleBug.checking METHOD_CALLED"), FixtureReports.methods(bug));
    }

    @Test
    void locksNamedByFieldRankAboveMonitorsKnownOnlyByClass() {
        assertEquals(Priorities.HIGH_PRIORITY, onlyCycleOn(TwoLockDeadlockBug.class).getPriority());
        assertEquals(Priorities.NORMAL_PRIORITY, onlyCycleOn(CooperatingObjectsBug.class).getPriority());
    }

    /** Like the other families' messages, a cycle's ends with the rule that gave its priority and the evidence. */
    @Test
    void messageSaysWhyThePriority() {
        assertEquals("HIGH: every lock is one field, static or class literal, and every side is known without a guess",
                rule(TwoLockDeadlockBug.class));
        assertEquals("NORMAL, lock identity merged by type: any CooperatingObjectsBug.Dispatcher, "
                + "any CooperatingObjectsBug.Taxi (a monitor known only by its class; the sides may lock different "
                + "objects of it)", rule(CooperatingObjectsBug.class));
        assertEquals("LOW, rests on a guess: side 1 assumes ListenerCallbackBug.AuditListener.onChange(String) for "
                + "ListenerCallbackBug.Listener.onChange(String), one of 2 implementations, which take different locks",
                rule(ListenerCallbackBug.class));
    }

    /**
     * A call on an interface runs, on an analysed class that implements it, the method the class inherits from a
     * superclass outside the interface: that implementation counts, so a cycle through the other one is a guess.
     */
    @Test
    void inheritedImplementationMakesTheOtherOneAGuess() {
        assertEquals(Priorities.LOW_PRIORITY, onlyCycleOn(InheritedCloseHandles.class).getPriority());
        assertTrue(rule(InheritedCloseHandles.class).startsWith("LOW, rests on a guess: side 1 assumes "
                + "InheritedCloseHandles.Logical.close() for InheritedCloseHandles.Handle.close(), one of 2 "
                + "implementations"), rule(InheritedCloseHandles.class));
    }

    /** The third text of the one cycle on {@code fixture}, after its locks and sides: where its message ends. */
    private static String rule(Class<?> fixture) {
        BugInstance bug = onlyCycleOn(fixture);
        List<String> texts = new ArrayList<>();
        for (BugAnnotation annotation : bug.getAnnotations()) {
            if (annotation instanceof StringAnnotation text) {
                texts.add(text.getValue());
            }
        }
        assertTrue(bug.getMessageWithoutPrefix().endsWith("); " + texts.get(2)), bug.getMessageWithoutPrefix());
        return texts.get(2);
    }

    private static BugInstance onlyCycleOn(Class<?> fixture) {
        List<BugInstance> bugs = FixtureReports.reportsOn(fixture, List.of(CYCLE));
        assertEquals(1, bugs.size(), "cycles reported on " + fixture.getSimpleName());
        return bugs.get(0);
    }

    static List<Integer> lines(BugInstance bug) {
        List<Integer> lines = new ArrayList<>();
        for (BugAnnotation annotation : bug.getAnnotations()) {
            if (annotation instanceof SourceLineAnnotation line) {
                lines.add(line.getStartLine());
            }
        }
        return lines;
    }

    static List<String> strings(BugInstance bug) {
        List<String> strings = new ArrayList<>();
        for (BugAnnotation annotation : bug.getAnnotations()) {
            if (annotation instanceof StringAnnotation string) {
                strings.add(string.getValue());
            }
        }
        return strings;
    }
}
