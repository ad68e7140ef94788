package io.github.lockspot.blk;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lockspot.fixtures.seed.ConnectionPoolBug;
import io.github.lockspot.fixtures.seed.PhaseBarrierBug;
import io.github.lockspot.fixtures.seed.PhaseBarrierFixed;
import io.github.lockspot.fixtures.seed.ProducerConsumerBug;
import io.github.lockspot.fixtures.seed.ProducerConsumerFixed;
import io.github.lockspot.fixtures.seed.ReentrancyBug;
import io.github.lockspot.fixtures.seed.StartSignalBug;
import io.github.lockspot.fixtures.seed.StartSignalFixed;
import io.github.lockspot.testing.FixtureReports;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BLK on the seed's examples: the blocking waits taken inside {@code synchronized (lock)}, and their fixed twins. */
class SeedBlockingTest {

    private static final String BLOCKING = "BLK_BLOCKING_CALL_UNDER_LOCK";

    @Test
    void producerPutsAndConsumerTakesWhileHoldingTheLock() {
        assertExactly(ProducerConsumerBug.class,
                report(BLOCKING, "send", 50),
                report(BLOCKING, "receive", 56));
        assertExactly(ProducerConsumerFixed.class);
    }

    @Test
    void workerAwaitsTheStartSignalInsideTheMonitor() {
        assertExactly(StartSignalBug.class, report(BLOCKING, "awaitStart", 24));
        assertExactly(StartSignalFixed.class);
    }

    @Test
    void workerAwaitsTheBarrierInsideTheMonitor() {
        assertExactly(PhaseBarrierBug.class, report(BLOCKING, "work", 32));
        assertExactly(PhaseBarrierFixed.class);
    }

    /**
     * {@code inner()}'s {@code mutex.acquire()} runs while {@code outer()} holds a permit of the same semaphore: a
     * self-deadlock, which is DLK's to report. BLK does not count semaphore permits as held locks, and the pool's
     * {@code acquire()} is taken with nothing else held.
     */
    @Test
    void semaphoreSelfDeadlockAndPoolAreNotBlockingUnderALock() {
        assertEquals(List.of(), FixtureReports.reportsOn(ReentrancyBug.class, List.of("BLK_")));
        assertEquals(List.of(), FixtureReports.reportsOn(ConnectionPoolBug.class, List.of("BLK_")));
    }
}
