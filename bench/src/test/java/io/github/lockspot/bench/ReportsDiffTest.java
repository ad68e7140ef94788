package io.github.lockspot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lockspot.bench.ReportsTsv.ReportSet;
import io.github.lockspot.bench.ReportsTsv.Row;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportsDiffTest {

    static Row row(String target, String method, int priority) {
        return new Row(target, "DLK_LOCK_ORDER_CYCLE", priority, "p.A", method, 10, method + " cycle");
    }

    @Test
    void reportsAppearedDisappearedAndChangedAtTheDefaultThresholdOnTargetsOfBothRuns() {
        ReportSet old = new ReportSet(Set.of("t", "gone"), List.of(row("t", "same", 2), row("t", "raised", 3),
                row("t", "lowered", 1), row("t", "removed", 1), row("t", "removedLow", 3), row("gone", "x", 1)));
        ReportSet now = new ReportSet(Set.of("t", "new"), List.of(row("t", "same", 2), row("t", "raised", 2),
                row("t", "lowered", 3), row("t", "added", 2), row("t", "addedLow", 3), row("new", "y", 1)));

        assertEquals(List.of("targets in both: t",
                "only in old, not compared: gone",
                "only in new, not compared: new",
                "+ p2  t  DLK_LOCK_ORDER_CYCLE  p.A.added:10  added cycle",
                "~ p1 -> p3  t  DLK_LOCK_ORDER_CYCLE  p.A.lowered:10  lowered cycle",
                "~ p3 -> p2  t  DLK_LOCK_ORDER_CYCLE  p.A.raised:10  raised cycle",
                "- p1  t  DLK_LOCK_ORDER_CYCLE  p.A.removed:10  removed cycle",
                "appeared 1, disappeared 1, changed priority 2"), ReportsDiff.compare(old, now));
    }

    @Test
    void countsRepeatedReportsOfTheSamePlace() {
        ReportSet old = new ReportSet(Set.of("t"), List.of(row("t", "m", 2)));
        ReportSet now = new ReportSet(Set.of("t"), List.of(row("t", "m", 2), row("t", "m", 1)));

        assertEquals(List.of("targets in both: t",
                "+ p1  t  DLK_LOCK_ORDER_CYCLE  p.A.m:10  m cycle",
                "appeared 1, disappeared 0, changed priority 0"), ReportsDiff.compare(old, now));
    }
}
