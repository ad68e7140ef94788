package io.github.lockspot.dlk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lockspot.analysis.flow.ClassAnalysis;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.fixtures.dlk.SequentialLocksFixed;
import io.github.lockspot.fixtures.dlk.WrapperStacksFixed;
import io.github.lockspot.fixtures.seed.TwoLockDeadlockBug;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock-order graph as DOT: every lock and ordered pair, labelled with the sites, cycles in red; written only when
 * {@value LockGraphDot#PROPERTY} names a file.
 */
class LockGraphDotTest {

    @TempDir
    Path folder;

    @AfterEach
    void clearProperty() {
        System.clearProperty(LockGraphDot.PROPERTY);
    }

    /** The graph of the seed's two-lock deadlock and of a class that nests its two shelves in one order only. */
    private static LockOrderGraph graph() throws IOException {
        return graphOf(TwoLockDeadlockBug.class, SequentialLocksFixed.class);
    }

    /** The graph of {@code fixtures}, their nested classes included. */
    private static LockOrderGraph graphOf(Class<?>... fixtures) throws IOException {
        ProgramModel model = new ProgramModel();
        for (Class<?> fixture : fixtures) {
            for (Class<?> type : Stream.concat(Stream.of(fixture), Stream.of(fixture.getDeclaredClasses())).toList()) {
                String resource = type.getName().replace('.', '/') + ".class";
                try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                    model.add(ClassAnalysis.analyze(in.readAllBytes()));
                }
            }
        }
        return new LockOrderGraph(LockOrder.of(model).edges());
    }

    @Test
    void cycleIsRedWithItsSitesAndOtherOrdersAreBlack() throws IOException {
        String dot = LockGraphDot.dot(graph());

        // Nodes sort by key: SequentialLocksFixed's left, right, then TwoLockDeadlockBug's lockA, lockB.
        assertTrue(dot.contains("lock0 [label=\"SequentialLocksFixed.left\"];\n"), dot);
        assertTrue(dot.contains("lock2 [label=\"TwoLockDeadlockBug.lockA\", color=red, fontcolor=red];\n"), dot);
        // total() nests left (line 43) and right (line 44): one order, no cycle.
        assertTrue(dot.contains("lock0 -> lock1 [label=\"SequentialLocksFixed.total():43 -> "
                + "SequentialLocksFixed.total():44\\l\"];\n"), dot);
        // thread1Work: lockA at 32, lockB at 34; thread2Work: lockB at 43, lockA at 45.
        assertTrue(dot.contains("lock2 -> lock3 [label=\"TwoLockDeadlockBug.thread1Work():32 -> "
                + "TwoLockDeadlockBug.thread1Work():34\\l\", color=red, fontcolor=red, penwidth=2];\n"), dot);
        assertTrue(dot.contains("lock3 -> lock2 [label=\"TwoLockDeadlockBug.thread2Work():43 -> "
                + "TwoLockDeadlockBug.thread2Work():45\\l\", color=red, fontcolor=red, penwidth=2];\n"), dot);
    }

    @Test
    void legendListsTheReportedCycle() throws IOException {
        String dot = LockGraphDot.dot(graph());
        assertTrue(dot.contains("red, bold: reported cycles (DLK_LOCK_ORDER_CYCLE)\\l"
                + "  TwoLockDeadlockBug.lockA -> TwoLockDeadlockBug.lockB -> TwoLockDeadlockBug.lockA\\l"), dot);
        assertFalse(dot.contains("red, thin"), dot);
    }

    /** Wrappers stacked both ways: a two-lock cycle in the graph that cannot close, so red but thin, with why. */
    @Test
    void twoWayPairNotReportedIsRedWithTheReasonInTheLegend() throws IOException {
        LockOrderGraph graph = graphOf(WrapperStacksFixed.class);
        assertEquals(List.of(), graph.cycles());
        String dot = LockGraphDot.dot(graph);
        assertTrue(dot.contains("no reported cycle\\lred, thin: locks taken in both orders, not reported because\\l"
                + "  WrapperStacksFixed.CachingStore.lock <-> any WrapperStacksFixed.CountingStore: every nesting "
                + "leads from a wrapper into the object it wraps\\l"), dot);
        // Both arrows red, as both boxes.
        assertEquals(4, dot.lines().filter(line -> line.endsWith(", color=red, fontcolor=red];")).count(), dot);
        assertFalse(dot.contains("penwidth"), dot);
    }

    @Test
    void sameGraphOnEveryRun() throws IOException {
        assertEquals(LockGraphDot.dot(graph()), LockGraphDot.dot(graph()));
    }

    @Test
    void writtenOnlyWhenThePropertyNamesAFile() throws IOException {
        Path file = folder.resolve("locks.dot");
        LockOrderGraph graph = graph();

        LockGraphDot.writeIfRequested(graph);
        assertFalse(Files.exists(file));

        System.setProperty(LockGraphDot.PROPERTY, file.toString());
        LockGraphDot.writeIfRequested(graph);
        assertEquals(LockGraphDot.dot(graph), Files.readString(file));
    }
}
