package io.github.lockspot.suppression;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lockspot.fixtures.suppression.SuppressWarningsOnSecondSide;
import io.github.lockspot.fixtures.suppression.SuppressedOnClass;
import io.github.lockspot.fixtures.suppression.SuppressedOnMethod;
import io.github.lockspot.fixtures.suppression.SuppressedOnSecondSide;
import io.github.lockspot.fixtures.suppression.SuppressedOnSecondSideClass;
import io.github.lockspot.fixtures.suppression.UselessSuppression;
import io.github.lockspot.testing.FixtureReports;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code @SuppressFBWarnings} with a LockSpot pattern name silences exactly what it names, as for stock patterns, on
 * any method a report names (each side of a deadlock) or its class, and SpotBugs then counts the suppression as used.
 */
class SuppressionTest {

    @Test
    void patternSuppressedOnTheClassIsSilent() {
        assertExactly(SuppressedOnClass.class);
    }

    @Test
    void patternSuppressedOnOneMethodLeavesTheOtherReported() {
        assertExactly(SuppressedOnMethod.class, report("BLK_BLOCKING_CALL_UNDER_LOCK", "sendReported", 23));
    }

    @Test
    void cycleSuppressedOnTheSecondSidesMethodIsSilent() {
        assertExactly(SuppressedOnSecondSide.class);
        assertNoUselessSuppression(SuppressedOnSecondSide.class);
    }

    @Test
    void cycleSuppressedOnTheSecondSidesClassIsSilent() {
        assertExactly(SuppressedOnSecondSideClass.class);
        assertNoUselessSuppression(SuppressedOnSecondSideClass.class);
    }

    @Test
    void spotBugsOwnSuppressWarningsOnTheSecondSideWorksToo() {
        assertExactly(SuppressWarningsOnSecondSide.class);
        assertNoUselessSuppression(SuppressWarningsOnSecondSide.class);
    }

    @Test
    void uselessSuppressionIsStillReported() {
        // The control: SpotBugs does report a suppression nothing matched, so the assertions above can fail.
        assertEquals(1, FixtureReports.reportsOn(UselessSuppression.class, List.of("US_USELESS_SUPPRESSION")).size());
    }

    private static void assertNoUselessSuppression(Class<?> fixture) {
        assertEquals(List.of(), FixtureReports.reportsOn(fixture, List.of("US_USELESS_SUPPRESSION")));
    }
}
