package io.github.lockspot.rna;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;

import io.github.lockspot.fixtures.rna.CheckedTryAcquireFixed;
import io.github.lockspot.fixtures.rna.IgnoredTryAcquireBug;
import io.github.lockspot.fixtures.rna.SemaphoreSignalFixed;
import io.github.lockspot.fixtures.seed.ConnectionPoolBug;
import io.github.lockspot.fixtures.seed.ConnectionPoolFixed;
import org.junit.jupiter.api.Test;

/**
 * {@code RNA_PERMIT_NOT_ACQUIRED}: {@code Semaphore.release()} on a path where the method that pairs acquire and
 * release took no permit; a method that only releases is a signal and is not reported.
 */
class PermitNotAcquiredTest {
    private static final String TYPE = "RNA_PERMIT_NOT_ACQUIRED";

    @Test
    void seedPoolAcquiringInsideTheTryIsReportedAtTheFinallyRelease() {
        // permits.release() in the finally of query, line 30
        assertExactly(ConnectionPoolBug.class, report(TYPE, "query", 30));
        assertExactly(ConnectionPoolFixed.class);
    }

    @Test
    void ignoredTryAcquireIsReported() {
        // permits.release() at line 26; the ignored tryAcquire() at line 22
        assertExactly(IgnoredTryAcquireBug.class, report(TYPE, "handle", 26));
        assertExactly(CheckedTryAcquireFixed.class);
    }

    @Test
    void releaseOnlyMethodIsASignalAndIsNotReported() {
        assertExactly(SemaphoreSignalFixed.class);
    }
}
