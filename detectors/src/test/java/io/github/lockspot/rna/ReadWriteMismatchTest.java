package io.github.lockspot.rna;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;

import io.github.lockspot.fixtures.rna.ReadWriteDowngradeFixed;
import io.github.lockspot.fixtures.rna.ReadWriteHelperFixed;
import io.github.lockspot.fixtures.rna.ReadWriteHelperMismatchBug;
import io.github.lockspot.fixtures.rna.ReadWriteMismatchBug;
import io.github.lockspot.fixtures.rna.ReadWriteMismatchFixed;
import io.github.lockspot.fixtures.seed.ReadersWriterFixed;
import org.junit.jupiter.api.Test;

/** {@code RNA_READ_WRITE_MISMATCH}: releasing the other half of a read-write lock than the one taken. */
class ReadWriteMismatchTest {
    private static final String TYPE = "RNA_READ_WRITE_MISMATCH";

    @Test
    void writeHalfReleasedAfterTheReadHalfAndTheReverseAreReported() {
        // get: readLock().lock() at line 22, writeLock().unlock() at line 26; put: the reverse at lines 32 and 36
        assertExactly(ReadWriteMismatchBug.class, report(TYPE, "get", 26), report(TYPE, "put", 36));
        assertExactly(ReadWriteMismatchFixed.class);
    }

    @Test
    void halvesMismatchedThroughHelpersAreReported() {
        // get takes the read half and calls endRead(), which releases the write half; put calls beginWrite(), which
        // takes the write half, and releases the read half
        assertExactly(ReadWriteHelperMismatchBug.class, report(TYPE, "get", 26), report(TYPE, "put", 40));
        assertExactly(ReadWriteHelperFixed.class);
    }

    @Test
    void downgradingFromWriteToReadIsNotReported() {
        assertExactly(ReadWriteDowngradeFixed.class);
    }

    @Test
    void readHalfReleasedInAnotherMethodThanItWasTakenIsNotReported() {
        assertExactly(ReadersWriterFixed.class);
    }
}
