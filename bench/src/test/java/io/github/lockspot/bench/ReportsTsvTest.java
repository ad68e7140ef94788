package io.github.lockspot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lockspot.bench.ReportsTsv.ReportSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTsvTest {

    /** A reduced -xml:withMessages report: two LockSpot reports out of source order, one stock report. */
    static final String XML = """
            <BugCollection>
              <BugInstance type="RNA_UNLOCK_WITHOUT_LOCK" priority="2">
                <ShortMessage>Lock released on a path where it is not held</ShortMessage>
                <LongMessage>p.Pool.close() releases Pool.lock
                  on a path where it is not held</LongMessage>
                <Class classname="p.Pool" primary="true"><SourceLine classname="p.Pool" start="1" end="90"/></Class>
                <Method classname="p.Pool" name="close" signature="()V" primary="true">
                  <SourceLine classname="p.Pool" start="40" end="50"/>
                </Method>
                <SourceLine classname="p.Pool" start="30" end="30" role="SOURCE_LINE_LOCK_OBTAINED_AT"/>
                <SourceLine classname="p.Pool" primary="true" start="48" end="48"/>
              </BugInstance>
              <BugInstance type="BLK_BLOCKING_CALL_UNDER_LOCK" priority="3">
                <LongMessage>p.Cache.get() blocks in Thread.sleep(long) while holding this (Cache)</LongMessage>
                <Class classname="p.Cache" primary="true"/>
                <Method classname="p.Cache" name="get" signature="()V" primary="true"/>
                <SourceLine classname="p.Cache" primary="true" start="12" end="12"/>
              </BugInstance>
              <BugInstance type="NP_NULL_ON_SOME_PATH" priority="1">
                <LongMessage>Possible null pointer dereference</LongMessage>
                <Class classname="p.Cache" primary="true"/>
              </BugInstance>
              <FindBugsSummary total_classes="2"/>
            </BugCollection>
            """;

    @Test
    void listsLockSpotReportsByPlaceWithPrimaryClassMethodAndLine(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("pool/lockspot.xml");
        Files.createDirectories(xml.getParent());
        Files.writeString(xml, XML);
        Analysis analysis = ReportXml.parse(xml);
        Run run = new Run("lockspot", 1, 1, 1, 1, 0, null, analysis, 0, 0, 0);
        Target pool = new Target("pool", List.of(), List.of(), "");
        Target empty = new Target("empty", List.of(), List.of(), "");
        Run emptyRun = new Run("lockspot", 1, 1, 1, 1, 0, null,
                new Analysis(0, 1, List.of(), 0, 0, List.of()), 0, 0, 0);
        Path tsv = dir.resolve(ReportsTsv.FILE);
        ReportsTsv.write(tsv, List.of(new Result(pool, List.of(run), List.of(run), List.of()),
                new Result(empty, List.of(emptyRun), List.of(emptyRun), List.of())));

        assertEquals(List.of("# targets: empty pool",
                "target\ttype\tpriority\tclass\tmethod\tline\tmessage",
                "pool\tBLK_BLOCKING_CALL_UNDER_LOCK\t3\tp.Cache\tget\t12\t"
                        + "p.Cache.get() blocks in Thread.sleep(long) while holding this (Cache)",
                "pool\tRNA_UNLOCK_WITHOUT_LOCK\t2\tp.Pool\tclose\t48\t"
                        + "p.Pool.close() releases Pool.lock on a path where it is not held"),
                Files.readAllLines(tsv));

        ReportSet fromTsv = ReportsTsv.load(dir);
        ReportSet fromXml = ReportsTsv.load(xml);
        assertEquals(Set.of("empty", "pool"), fromTsv.targets());
        assertEquals(Set.of("pool"), fromXml.targets());
        assertEquals(fromXml.rows(), fromTsv.rows());
    }
}
