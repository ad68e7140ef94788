package io.github.lockspot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lockspot.bench.KnownBugs.KnownBug;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KnownBugsTest {

    static final KnownBug CYCLE = new KnownBug("BUG-1", "t", "DLK", List.of("Pool", "Conn"),
            List.of(List.of("Pool.evict"), List.of("Conn.close", "Conn.shutdown")), "a cycle", "tracker");

    static Report dlk(Set<String> methods, String lockText) {
        return new Report("DLK_LOCK_ORDER_CYCLE", 2, "p.Pool", "evict", 1, "key", methods, lockText, "a cycle");
    }

    static Result resultWith(Report... reports) {
        Run run = new Run("lockspot", 1, 1, 1, 1, 0, null,
                new Analysis(1, 1, List.of(reports), 0, 0, List.of()), 0, 0, 0);
        return new Result(new Target("t", List.of(), List.of(), ""), List.of(run), List.of(run), List.of());
    }

    @Test
    void foundWhenOneReportNamesEverySideAndEveryLock() {
        Report both = dlk(Set.of("Pool.evict"), "Pool → Conn via Conn.shutdown() → Conn.close()");
        assertEquals("FOUND", KnownBugs.judge(CYCLE, resultWith(both)).verdict());
    }

    @Test
    void partialWhenTheBestReportNamesOneSideOrNotEveryLock() {
        Report oneSide = dlk(Set.of("Pool.evict"), "Pool → Conn");
        Report noLocks = dlk(Set.of("Pool.evict"), "Conn.close() ...");
        KnownBugs.Verdict verdict = KnownBugs.judge(CYCLE, resultWith(oneSide, noLocks));
        assertEquals("PARTIAL", verdict.verdict());
        assertEquals(2, verdict.sidesNamed());
        assertEquals(1, verdict.locksNamed());
    }

    @Test
    void missedByReportsOfAnotherFamilyAndNotRunWithoutTheTarget() {
        Report blk = new Report("BLK_BLOCKING_CALL_UNDER_LOCK", 1, "p.Pool", "evict", 1, "key",
                Set.of("Pool.evict", "Conn.close"), "Pool Conn", "blocks");
        assertEquals("MISSED", KnownBugs.judge(CYCLE, resultWith(blk)).verdict());
        assertEquals("NOT RUN", KnownBugs.judge(CYCLE, null).verdict());
    }
}
