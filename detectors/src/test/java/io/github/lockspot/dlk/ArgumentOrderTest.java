package io.github.lockspot.dlk;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Priorities;

import io.github.lockspot.fixtures.dlk.AttributeCopyBug;
import io.github.lockspot.fixtures.dlk.AttributeCopyFixed;
import io.github.lockspot.fixtures.dlk.SynchronizedTransferBug;
import io.github.lockspot.fixtures.dlk.SynchronizedTransferFixed;
import io.github.lockspot.fixtures.dlk.AccountMethodsArgumentOrderBug;
import io.github.lockspot.fixtures.dlk.TransferArgumentOrderBug;
import io.github.lockspot.fixtures.dlk.TransferOrderedFixed;
import io.github.lockspot.fixtures.seed.TwoLockOrderedFixed;
import io.github.lockspot.testing.FixtureReports;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code DLK_ARGUMENT_ORDER}: a method anyone can call nesting the locks of two objects of one kind in parameter order,
 * reported at the point where it takes (or calls towards) the second; none when the order is chosen at run time.
 */
class ArgumentOrderTest {
    private static final String ARGUMENT_ORDER = "DLK_ARGUMENT_ORDER";

    @Test
    void nestedBlocksOnTwoParameters() {
        // synchronized (to) inside synchronized (from), line 39.
        assertExactly(TransferArgumentOrderBug.class, report(ARGUMENT_ORDER, "transfer", 39));
    }

    @Test
    void reEntryIntoTheAccountsSynchronizedMethodsDoesNotHideTheNesting() {
        // from.add() re-enters from's monitor while to's is held: not a to-then-from order, so not the ordering idiom.
        assertExactly(AccountMethodsArgumentOrderBug.class, report(ARGUMENT_ORDER, "transfer", 22));
    }

    @Test
    void synchronizedMethodCallingTheSameKindOfObject() {
        // transferTo holds this and calls to.deposit(amount), synchronized on to, line 36.
        assertExactly(SynchronizedTransferBug.class, report(ARGUMENT_ORDER, "transferTo", 36));
        assertEquals(List.of(36, 34, 36, 29),
                LockOrderCycleTest.lines(FixtureReports.reportsOn(SynchronizedTransferBug.class,
                        List.of(ARGUMENT_ORDER)).get(0)),
                "primary, this taken (synchronized method: its first line), the call, deposit's first line");
    }

    @Test
    void orderByIdOrIdentityHashCodeIsSilent() {
        // Merged by a conditional: the locks are no longer the parameters themselves.
        assertExactly(TransferOrderedFixed.class);
        // A private helper nesting its parameters, called in both orders by a method that compares hash codes.
        assertExactly(TwoLockOrderedFixed.class);
    }

    @Test
    void nestingThroughOneOfSeveralImplementationsRanksLowAndSaysSo() {
        // wrap(Source) holds its own map and calls request.names(): only the wrapper class among Source's two
        // implementations takes request.attributes; copy(AttributeCopyBug) names the class and stays NORMAL.
        assertExactly(AttributeCopyFixed.class, report(ARGUMENT_ORDER, "wrap", 44));
        BugInstance guessed = only(AttributeCopyFixed.class);
        assertEquals(Priorities.LOW_PRIORITY, guessed.getPriority());
        assertTrue(guessed.getMessageWithoutPrefix().contains("LOW, rests on a guess: assumes"),
                guessed.getMessageWithoutPrefix());
        assertExactly(AttributeCopyBug.class, report(ARGUMENT_ORDER, "copy", 41));
        BugInstance certain = only(AttributeCopyBug.class);
        assertEquals(Priorities.NORMAL_PRIORITY, certain.getPriority());
        assertTrue(certain.getMessageWithoutPrefix().endsWith("NORMAL: both locks are the parameters' own, taken"
                + " without a guess about implementations"), certain.getMessageWithoutPrefix());
    }

    private static BugInstance only(Class<?> fixture) {
        List<BugInstance> bugs = FixtureReports.reportsOn(fixture, List.of(ARGUMENT_ORDER));
        assertEquals(1, bugs.size(), "argument orders reported on " + fixture.getSimpleName());
        return bugs.get(0);
    }

    @Test
    void openCallIsSilent() {
        assertExactly(SynchronizedTransferFixed.class);
    }
}
