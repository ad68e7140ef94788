package io.github.lockspot.dlk;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Priorities;
import io.github.lockspot.fixtures.modules.audit.AuditTrailBug;
import io.github.lockspot.fixtures.modules.audit.AuditTrailFixed;
import io.github.lockspot.fixtures.modules.events.EventBus;
import io.github.lockspot.fixtures.modules.events.Subscriber;
import io.github.lockspot.testing.FixtureReports;
import io.github.lockspot.testing.RecompiledFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cycle whose one edge is in a sibling module, as in a Maven multi-module build: only the application module's
 * classes are analysed, and the library module is on the auxiliary class path, where LockSpot reads and summarises
 * the classes the program calls.
 */
class CrossModuleCycleTest {
    private static final String CYCLE = "DLK_LOCK_ORDER_CYCLE";

    @TempDir
    Path modules;

    /** Copies the compiled {@code classes} into {@code folder}, as one module's output. */
    private Path module(String folder, Class<?>... classes) throws IOException {
        Path root = modules.resolve(folder);
        for (Class<?> type : classes) {
            String file = type.getName().replace('.', '/') + ".class";
            Path copy = root.resolve(file);
            Files.createDirectories(copy.getParent());
            try (InputStream bytes = type.getClassLoader().getResourceAsStream(file)) {
                Files.copy(bytes, copy);
            }
        }
        return root;
    }

    @Test
    void cycleClosedInTheLibraryModuleIsReportedWhenOnlyTheApplicationIsAnalysed() throws IOException {
        Path library = module("events", EventBus.class, Subscriber.class);
        // each twin is its own application, as with the fixtures analysed together its subscriber would be one of
        // two implementations of Subscriber.onEvent taking different monitors: a guess
        List<BugInstance> reports = RecompiledFixtures.lockSpotReports(module("bug", AuditTrailBug.class), library);
        assertEquals(List.of(), RecompiledFixtures.lockSpotReports(module("fixed", AuditTrailFixed.class), library));

        // flush() holds the trail at bus.publish (line 50), which takes the bus; publish, in the library, holds the
        // bus (EventBus line 20) while it calls onEvent (line 21), which takes a trail's monitor (line 42): two
        // trails flushing at once deadlock, as do a flush and a record(). Side 1 starts at the application's call.
        assertEquals(1, reports.size(), () -> reports.toString());
        BugInstance cycle = reports.get(0);
        assertEquals(CYCLE, cycle.getType());
        assertEquals(AuditTrailBug.class.getName(), cycle.getPrimaryClass().getClassName());
        assertEquals("flush", cycle.getPrimaryMethod().getMethodName());
        assertEquals(50, cycle.getPrimarySourceLineAnnotation().getStartLine());
        assertEquals(Priorities.NORMAL_PRIORITY, cycle.getPriority());
        assertEquals(List.of("50: Side 1, step 1: calls EventBus.publish(String)",
                "20: Side 1, step 2: holds AuditTrailBug.bus", "21: Side 1, step 3: calls Subscriber.onEvent(String)",
                "42: Side 1, step 4: takes any AuditTrailBug", "47: Side 2, step 1: holds any AuditTrailBug",
                "50: Side 2, step 2: calls EventBus.publish(String)", "20: Side 2, step 3: takes AuditTrailBug.bus"),
                FixtureReports.steps(cycle));
        assertEquals(List.of("AuditTrailBug.flush Side 1", "AuditTrailBug.flush Side 2"),
                FixtureReports.methods(cycle).stream().filter(method -> method.contains(" Side ")).toList());
    }

    @Test
    void allModulesAnalysedTogetherGiveTheSameReportAndTheFixedTwinNone() {
        assertExactly(AuditTrailBug.class, report(CYCLE, "flush", 50));
        assertExactly(AuditTrailFixed.class);
        assertExactly(EventBus.class);
    }
}
