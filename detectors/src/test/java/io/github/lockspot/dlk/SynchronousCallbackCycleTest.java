package io.github.lockspot.dlk;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Priorities;
import io.github.lockspot.fixtures.dlk.CallbackHelperCycleBug;
import io.github.lockspot.fixtures.dlk.CallbackHelperCycleFixed;
import io.github.lockspot.testing.FixtureReports;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cycles through lambdas that a method runs before it returns, called on the parameter they were passed in as. */
class SynchronousCallbackCycleTest {
    private static final String CYCLE = "DLK_LOCK_ORDER_CYCLE";

    @Test
    void lambdaRunByAPrivateHelperRunsUnderTheHelpersLock() {
        // reindex() holds index at withLock(...) (line 59), which takes lock; withLock holds lock at action.get()
        // (line 38), which runs add's lambda, taking index. Both locks are one field each: high. The fixture's
        // Snapshot is another analysed Supplier.get, taking its own monitor; every caller of withLock passes a lambda,
        // so action.get() runs only those and the cycle is no guess among implementations (LOW without that).
        assertExactly(CallbackHelperCycleBug.class, report(CYCLE, "reindex", 59));
        List<BugInstance> cycles = FixtureReports.reportsOn(CallbackHelperCycleBug.class, List.of(CYCLE));
        assertEquals(Priorities.HIGH_PRIORITY, cycles.get(0).getPriority());
        assertEquals("CallbackHelperCycleBug.Store.index → CallbackHelperCycleBug.Store.lock → "
                + "CallbackHelperCycleBug.Store.index", LockOrderCycleTest.strings(cycles.get(0)).get(0));
        assertExactly(CallbackHelperCycleFixed.class);
    }
}
