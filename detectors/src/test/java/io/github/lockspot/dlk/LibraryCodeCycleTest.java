package io.github.lockspot.dlk;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Priorities;
import io.github.lockspot.fixtures.dlk.ObservableCycleBug;
import io.github.lockspot.fixtures.dlk.ObservableCycleFixed;
import io.github.lockspot.fixtures.dlk.RegistryToStringCycleBug;
import io.github.lockspot.fixtures.dlk.RegistryToStringCycleFixed;
import io.github.lockspot.testing.FixtureReports;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cycles whose locks are taken, or whose callbacks are made, in library code the program calls: the JDK's classes are
 * read from SpotBugs' class path and summarised like the program's own.
 */
class LibraryCodeCycleTest {
    private static final String CYCLE = "DLK_LOCK_ORDER_CYCLE";

    private static BugInstance onlyCycleOn(Class<?> fixture) {
        List<BugInstance> cycles = FixtureReports.reportsOn(fixture, List.of(CYCLE));
        assertEquals(1, cycles.size(), "cycles on " + fixture.getSimpleName());
        return cycles.get(0);
    }

    @Test
    void observableMonitorTakenInTheJdkClosesTheCycle() {
        // close() holds the handle's monitor at informObservers() (line 39), whose notifyObservers() calls
        // Page.update → unlatch(); latch() and release() hold the page's monitor at addObserver/deleteObserver,
        // synchronized in java.util.Observable: the report names the first, with the JDK's line.
        assertExactly(ObservableCycleBug.class, report(CYCLE, "close", 39));
        // Page.update is one of two analysed Observer implementations taking different monitors, but only this
        // fixture's Page is ever registered (addObserver) with this fixture's Handle: no guess. The library's own steps
        // (notifyObservers(Object) → update) are not calls of the program's: of the five calls from close() to
        // unlatch() three count, not deep either.
        BugInstance bug = onlyCycleOn(ObservableCycleBug.class);
        assertEquals(Priorities.NORMAL_PRIORITY, bug.getPriority());
        assertEquals("NORMAL, lock identity merged by type: any ObservableCycleBug.Handle, any ObservableCycleBug.Page "
                + "(a monitor known only by its class; the sides may lock different objects of it)",
                LockOrderCycleTest.strings(bug).get(2));
        assertEquals("any ObservableCycleBug.Handle → any ObservableCycleBug.Page → any ObservableCycleBug.Handle", LockOrderCycleTest.strings(bug).get(0));
        String sides = LockOrderCycleTest.strings(bug).get(1);
        assertTrue(sides.endsWith("ObservableCycleBug.Page.latch() holds any ObservableCycleBug.Page and calls "
                + "ObservableCycleBug.Handle.addObserver(Observer), which takes any ObservableCycleBug.Handle (partly in "
                + "library code, followed at most 2 library calls deep)"), sides);
        // The Handle's monitor is taken in java.util.Observable.addObserver, line 96 of the JDK's source.
        assertTrue(FixtureReports.steps(bug).stream().anyMatch(step -> step.startsWith("96: Side 2, ")
                && step.endsWith(": takes any ObservableCycleBug.Handle")), () -> String.join("\n",
                FixtureReports.steps(bug)));
        assertExactly(ObservableCycleFixed.class);
    }

    @Test
    void hashtableMonitorTakenInTheJdkClosesTheCycle() {
        // deposit() holds the account at OPEN.put (line 43), synchronized in java.util.Hashtable; describeAll() calls
        // Hashtable.toString(), which holds the table while it calls each account's synchronized toString()
        assertExactly(RegistryToStringCycleBug.class, report(CYCLE, "deposit", 43));
        BugInstance bug = onlyCycleOn(RegistryToStringCycleBug.class);
        assertEquals(Priorities.NORMAL_PRIORITY, bug.getPriority(), LockOrderCycleTest.strings(bug).toString());
        assertEquals("any RegistryToStringCycleBug.Account → RegistryToStringCycleBug.OPEN → any "
                + "RegistryToStringCycleBug.Account", LockOrderCycleTest.strings(bug).get(0));
        String sides = LockOrderCycleTest.strings(bug).get(1);
        assertTrue(sides.endsWith("RegistryToStringCycleBug.describeAll() calls Hashtable.toString(), which holds "
                + "RegistryToStringCycleBug.OPEN and calls Object.toString(), which takes any "
                + "RegistryToStringCycleBug.Account (partly in library code, followed at most 2 library calls deep)"),
                sides);
        assertExactly(RegistryToStringCycleFixed.class);
    }
}
