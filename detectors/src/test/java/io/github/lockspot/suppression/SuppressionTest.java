package io.github.lockspot.suppression;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;

import io.github.lockspot.fixtures.suppression.SuppressedOnClass;
import io.github.lockspot.fixtures.suppression.SuppressedOnMethod;
import org.junit.jupiter.api.Test;

/** {@code @SuppressFBWarnings} with a LockSpot pattern name silences exactly what it names, as for stock patterns. */
class SuppressionTest {

    @Test
    void patternSuppressedOnTheClassIsSilent() {
        assertExactly(SuppressedOnClass.class);
    }

    @Test
    void patternSuppressedOnOneMethodLeavesTheOtherReported() {
        assertExactly(SuppressedOnMethod.class, report("BLK_BLOCKING_CALL_UNDER_LOCK", "sendReported", 23));
    }
}
