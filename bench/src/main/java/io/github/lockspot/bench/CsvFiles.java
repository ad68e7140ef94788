package io.github.lockspot.bench;

import static io.github.lockspot.bench.Text.csv;
import static io.github.lockspot.bench.Text.fmt;

import io.github.lockspot.bench.KnownBugs.KnownBug;
import io.github.lockspot.bench.KnownBugs.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** results.csv (every figure of every target) and known-bugs.csv (every verdict). */
final class CsvFiles {

    private CsvFiles() {
    }

    static void writeResults(Path file, List<Result> results) throws IOException {
        List<String> lines = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("target", "jars", "classes", "stock_wall_s", "lockspot_wall_s",
                "wall_ratio", "stock_cpu_s", "lockspot_cpu_s", "cpu_ratio", "stock_max_rss_mb", "lockspot_max_rss_mb",
                "rss_ratio", "stock_heap_peak_mb", "lockspot_heap_peak_mb", "heap_ratio", "stock_heap_after_gc_mb",
                "lockspot_heap_after_gc_mb", "heap_after_gc_ratio"));
        Report.FAMILIES.forEach(f -> head.add(f.toLowerCase(Locale.ROOT) + "_reports"));
        head.addAll(List.of("lockspot_exceptions", "skipped_classes", "skipped_methods", "determinism",
                "stock_reports_changed", "stock_errors", "lockspot_errors", "missing_classes", "runs_per_mode",
                "stock_wall_s_all", "lockspot_wall_s_all", "problems"));
        lines.add(String.join(",", head));
        for (Result r : results) {
            Run stock = r.stock();
            Run lockSpot = r.lockSpot();
            List<Object> row = new ArrayList<>(List.of(r.target().name(), String.join(" ", r.target().analyze())));
            if (r.ok()) {
                row.addAll(List.of(stock.analysis().classes(), fmt(stock.wallSeconds(), 2),
                        fmt(lockSpot.wallSeconds(), 2), fmt(r.wallRatio(), 3), fmt(stock.cpuSeconds(), 2),
                        fmt(lockSpot.cpuSeconds(), 2), fmt(r.cpuRatio(), 3), stock.maxRssKb() / 1024,
                        lockSpot.maxRssKb() / 1024, fmt(r.rssRatio(), 3), fmt(stock.analysis().heapPeakMb(), 1),
                        fmt(lockSpot.analysis().heapPeakMb(), 1), fmt(r.heapRatio(), 3),
                        fmt(stock.heapAfterGcMb(), 1), fmt(lockSpot.heapAfterGcMb(), 1),
                        fmt(r.heapAfterGcRatio(), 3)));
                for (String family : Report.FAMILIES) {
                    row.add(lockSpot.analysis().familyCount(family));
                }
            } else {
                row.addAll(Collections.nCopies(16 + Report.FAMILIES.size(), ""));
            }
            row.addAll(List.of(r.lockSpotExceptions(), lockSpot.skippedClasses(), lockSpot.skippedMethods(),
                    Determinism.verdict(r), Determinism.stockReportsChanged(r),
                    stock.analysis() == null ? "" : stock.analysis().errors(),
                    lockSpot.analysis() == null ? "" : lockSpot.analysis().errors(),
                    stock.analysis() == null ? "" : stock.analysis().missingClasses(), r.stockRuns().size(),
                    walls(r.stockRuns()), walls(r.lockSpotRuns()), r.problems()));
            lines.add(csv(row.toArray()));
        }
        Files.write(file, lines);
    }

    private static String walls(List<Run> runs) {
        return runs.stream().map(r -> fmt(r.wallSeconds(), 2)).collect(Collectors.joining(" "));
    }

    static void writeKnownBugs(Path file, List<KnownBug> bugs, List<Result> results) throws IOException {
        Map<String, Result> byName = TableText.byTarget(results);
        List<String> lines = new ArrayList<>();
        lines.add("bug,target,family,verdict,sides_named,sides,locks_named,locks,report_type,report_priority,"
                + "report_message,source");
        for (KnownBug bug : bugs) {
            Verdict v = KnownBugs.judge(bug, byName.get(bug.target()));
            Report report = v.report();
            lines.add(csv(bug.id(), bug.target(), bug.family(), v.verdict(), v.sidesNamed(), bug.sides().size(),
                    v.locksNamed(), bug.locks().size(), report == null ? "" : report.type(),
                    report == null ? "" : report.priority(), report == null ? "" : report.message(), bug.source()));
        }
        Files.write(file, lines);
    }
}
