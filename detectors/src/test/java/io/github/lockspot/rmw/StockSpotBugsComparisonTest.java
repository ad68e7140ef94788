package io.github.lockspot.rmw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.umd.cs.findbugs.BugInstance;
import io.github.lockspot.fixtures.rmw.AtomicTotalBug;
import io.github.lockspot.fixtures.rmw.AtomicTotalFixed;
import io.github.lockspot.fixtures.rmw.GuardedAccountBug;
import io.github.lockspot.fixtures.rmw.GuardedAccountFixed;
import io.github.lockspot.fixtures.rmw.HandedStatsBug;
import io.github.lockspot.fixtures.rmw.HandedStatsFixed;
import io.github.lockspot.fixtures.rmw.HitCounterBug;
import io.github.lockspot.fixtures.rmw.HitCounterFixed;
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
import io.github.lockspot.fixtures.rmw.TaskCounterBug;
import io.github.lockspot.fixtures.rmw.TaskCounterFixed;
import io.github.lockspot.fixtures.rmw.TaskLocalTally;
import io.github.lockspot.fixtures.rmw.ThreadLocalTally;
import io.github.lockspot.fixtures.rmw.VolatileFlagLockedWrites;
import io.github.lockspot.fixtures.rmw.VolatileRandomBug;
import io.github.lockspot.fixtures.rmw.VolatileRandomFixed;
import io.github.lockspot.fixtures.rmw.WordCountBug;
import io.github.lockspot.fixtures.rmw.WordCountFixed;
import io.github.lockspot.fixtures.rmw.WorkerOwnCounter;
import io.github.lockspot.fixtures.rmw.WorkerThreadBug;
import io.github.lockspot.fixtures.rmw.WorkerThreadFixed;
import io.github.lockspot.fixtures.seed.CounterBug;
import io.github.lockspot.fixtures.seed.CounterFixed;
import io.github.lockspot.testing.FixtureReports;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Side by side on the same fixtures, in the same SpotBugs run: what stock SpotBugs' read-modify-write and
 * synchronisation checks ({@code IS2_}, {@code VO_}, {@code AT_}) report, and what LockSpot's {@code RMW_} reports.
 *
 * <p>Of the 15 buggy shapes, stock reports the lost update on 2 (the seed's volatile counter; the helper called with
 * and without the lock, as inconsistent synchronisation of the whole field) and a different problem on a third (a torn
 * 64-bit write in {@link WorkerThreadBug}); it misses the other 12: a {@code java.util.concurrent} lock, a fast path
 * that skips the monitor, a lock released between the read and the write, {@code @GuardedBy} and {@code @ThreadSafe}
 * declarations, tasks sharing a field, a captured or handed object, a parallel stream, an atomic's get-then-set, a
 * concurrent map's get-then-put, a volatile updated through a local. On the correct shapes, stock false-alarms twice:
 * a volatile updated only under its lock, and a task object's own counter. LockSpot reports each buggy shape once and
 * no correct shape.
 */
class StockSpotBugsComparisonTest {

    private static final List<String> STOCK = List.of("IS2_", "VO_", "AT_");

    /** One fixture: the bug types stock SpotBugs reports on it, and those LockSpot reports. */
    record Row(Class<?> fixture, Set<String> stock, Set<String> lockSpot) {
        @Override
        public String toString() {
            return fixture.getSimpleName();
        }
    }

    private static Row row(Class<?> fixture, Set<String> stock, Set<String> lockSpot) {
        return new Row(fixture, stock, lockSpot);
    }

    static Stream<Row> buggyShapes() {
        return Stream.of(
                row(CounterBug.class, Set.of("AT_NONATOMIC_OPERATIONS_ON_SHARED_VARIABLE", "VO_VOLATILE_INCREMENT"),
                        Set.of("RMW_VOLATILE_UPDATE")),
                row(LockedHelperBug.class, Set.of("IS2_INCONSISTENT_SYNC"),
                        Set.of("RMW_INCONSISTENTLY_GUARDED_UPDATE")),
                row(WorkerThreadBug.class, Set.of("AT_NONATOMIC_64BIT_PRIMITIVE"), Set.of("RMW_THREAD_SHARED_UPDATE")),
                row(HitCounterBug.class, Set.of(), Set.of("RMW_INCONSISTENTLY_GUARDED_UPDATE")),
                row(InventoryBug.class, Set.of(), Set.of("RMW_INCONSISTENTLY_GUARDED_UPDATE")),
                row(SplitUpdateBug.class, Set.of(), Set.of("RMW_INCONSISTENTLY_GUARDED_UPDATE")),
                row(VolatileRandomBug.class, Set.of(), Set.of("RMW_VOLATILE_UPDATE")),
                row(TaskCounterBug.class, Set.of(), Set.of("RMW_THREAD_SHARED_UPDATE")),
                row(SharedTallyBug.class, Set.of(), Set.of("RMW_THREAD_SHARED_UPDATE")),
                row(HandedStatsBug.class, Set.of(), Set.of("RMW_THREAD_SHARED_UPDATE")),
                row(ParallelSumBug.class, Set.of(), Set.of("RMW_THREAD_SHARED_UPDATE")),
                row(GuardedAccountBug.class, Set.of(), Set.of("RMW_GUARDED_BY_VIOLATION")),
                row(RequestStatsBug.class, Set.of(), Set.of("RMW_GUARDED_BY_VIOLATION")),
                row(AtomicTotalBug.class, Set.of(), Set.of("RMW_ATOMIC_GET_THEN_SET")),
                row(WordCountBug.class, Set.of(), Set.of("RMW_MAP_CHECK_THEN_ACT")));
    }

    static Stream<Row> correctShapes() {
        return Stream.of(
                row(VolatileFlagLockedWrites.class, Set.of("VO_VOLATILE_INCREMENT"), Set.of()),
                row(WorkerOwnCounter.class, Set.of("AT_NONATOMIC_OPERATIONS_ON_SHARED_VARIABLE"), Set.of()),
                row(CounterFixed.class, Set.of(), Set.of()),
                row(HitCounterFixed.class, Set.of(), Set.of()),
                row(InventoryFixed.class, Set.of(), Set.of()),
                row(LockedHelperFixed.class, Set.of(), Set.of()),
                row(SplitUpdateFixed.class, Set.of(), Set.of()),
                row(VolatileRandomFixed.class, Set.of(), Set.of()),
                row(TaskCounterFixed.class, Set.of(), Set.of()),
                row(WorkerThreadFixed.class, Set.of(), Set.of()),
                row(SharedTallyFixed.class, Set.of(), Set.of()),
                row(TaskLocalTally.class, Set.of(), Set.of()),
                row(ThreadLocalTally.class, Set.of(), Set.of()),
                row(HandedStatsFixed.class, Set.of(), Set.of()),
                row(ParallelSumFixed.class, Set.of(), Set.of()),
                row(GuardedAccountFixed.class, Set.of(), Set.of()),
                row(RequestStatsFixed.class, Set.of(), Set.of()),
                row(AtomicTotalFixed.class, Set.of(), Set.of()),
                row(WordCountFixed.class, Set.of(), Set.of()),
                row(SingleWriterSequence.class, Set.of(), Set.of()),
                row(SizeTracker.class, Set.of(), Set.of()));
    }

    private static Set<String> types(Class<?> fixture, List<String> prefixes) {
        Set<String> types = new TreeSet<>();
        for (BugInstance bug : FixtureReports.reportsOn(fixture, prefixes)) {
            types.add(bug.getType());
        }
        return types;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"buggyShapes", "correctShapes"})
    void stockAndLockSpotReportWhatTheTableSays(Row row) {
        assertEquals(new TreeSet<>(row.stock()), types(row.fixture(), STOCK), "stock on " + row);
        assertEquals(new TreeSet<>(row.lockSpot()), types(row.fixture(), List.of("RMW_")), "LockSpot on " + row);
    }

    @Test
    void lockSpotFindsEveryBuggyShapeStockMisses() {
        long missedByStock = buggyShapes().filter(row -> row.stock().isEmpty()).count();
        long foundByLockSpot = buggyShapes().filter(row -> !row.lockSpot().isEmpty()).count();
        assertEquals(12, missedByStock);
        assertEquals(buggyShapes().count(), foundByLockSpot);
    }

    @Test
    void lockSpotIsSilentWhereStockFalseAlarms() {
        assertEquals(2, correctShapes().filter(row -> !row.stock().isEmpty()).count());
        assertEquals(0, correctShapes().filter(row -> !row.lockSpot().isEmpty()).count());
    }
}
