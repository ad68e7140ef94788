package io.github.lockspot.rmw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Priorities;
import io.github.lockspot.fixtures.rmw.VolatileUpdateNegatives;
import io.github.lockspot.fixtures.rmw.VolatileUpdatesBug;
import io.github.lockspot.fixtures.rmw.VolatileUpdatesFixed;
import io.github.lockspot.testing.FixtureReports;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shapes other analysers' volatile-update and {@code @GuardedBy} checks flag (Error Prone, Sonar, stock SpotBugs),
 * written afresh as fixtures: at SpotBugs' default threshold (high and normal priority) LockSpot reports every
 * positive and none of the negatives. A user running LockSpot beside those tools sees none of their findings missing.
 */
class PeerShapesAtDefaultThresholdTest {

    /** The LockSpot reports on {@code fixture} that the default threshold shows, as "method:line". */
    private static List<String> shownByDefault(Class<?> fixture) {
        List<String> shown = new ArrayList<>();
        for (BugInstance bug : FixtureReports.reportsOn(fixture, FixtureReports.FAMILIES)) {
            if (bug.getPriority() <= Priorities.NORMAL_PRIORITY) {
                shown.add(bug.getType() + " " + bug.getPrimaryMethod().getMethodName() + ":"
                        + bug.getPrimarySourceLineAnnotation().getStartLine());
            }
        }
        shown.sort(null);
        return shown;
    }

    private static List<String> volatileUpdates(String... methodLines) {
        List<String> expected = new ArrayList<>();
        for (String methodLine : methodLines) {
            expected.add(RmwPatterns.VOLATILE_UPDATE + " " + methodLine);
        }
        expected.sort(null);
        return expected;
    }

    @Test
    void everyVolatileUpdateShapeIsShown() {
        assertEquals(volatileUpdates("hit:31", "miss:36", "addBytes:46", "scaleBytes:51", "mirrorBytes:56",
                "hitBoxed:66", "addLoad:71", "note:76", "noteLine:81", "togglePause:86", "flipPause:91",
                "firstHit:96", "raise:101", "countCreated:106"), shownByDefault(VolatileUpdatesBug.class));
    }

    @Test
    void noVolatileNegativeIsReported() {
        assertEquals(List.of(), FixtureReports.reportsOn(VolatileUpdateNegatives.class, FixtureReports.FAMILIES));
        assertEquals(List.of(), FixtureReports.reportsOn(VolatileUpdatesFixed.class, FixtureReports.FAMILIES));
    }
}
