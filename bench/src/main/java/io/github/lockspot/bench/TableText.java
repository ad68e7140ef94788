package io.github.lockspot.bench;

import static io.github.lockspot.bench.Text.align;
import static io.github.lockspot.bench.Text.fmt;
import static io.github.lockspot.bench.Text.max;
import static io.github.lockspot.bench.Text.median;

import io.github.lockspot.bench.KnownBugs.KnownBug;
import io.github.lockspot.bench.KnownBugs.Verdict;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The text of table.txt, also printed: what ran, the results table with its goals, the known-bug table. */
final class TableText {

    private TableText() {
    }

    /** What ran where: machine, SpotBugs, plugin and commit, how runs were measured and repeated. */
    static List<String> header(Workspace workspace, SpotBugsRun spotBugs, Options options, int cores)
            throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        lines.add("LockSpot benchmark, " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))
                + " — " + cores + " cores, load average " + String.format(Locale.ROOT, "%.2f",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + " at start, Java " + System.getProperty("java.version"));
        lines.add("SpotBugs " + spotBugs.spotBugsVersion() + " -effort:default -low, -Xmx" + options.xmx()
                + " both ways, each run a fresh JVM; plugin " + workspace.show(spotBugs.plugin()) + " at commit "
                + git(workspace, "rev-parse", "--short", "HEAD")
                + (git(workspace, "status", "--porcelain", "--untracked-files=no").isEmpty() ? "" : " (+ local changes)"));
        lines.add("Times are wall clock of the whole JVM; memory is peak resident set size (GNU time, max RSS), and the"
                + " largest heap right after a GC (-Xlog:gc); ratios are with-LockSpot / stock.");
        lines.add(options.reportOnly() ? "Each mode ran as often as results.csv says (runs_per_mode),"
                + " alternating which went first; the run of median time stands for its mode." : "Each mode runs "
                + (options.reps().equals("auto")
                ? "3 times on a target of under " + Benchmark.SMALL_REPEATED + " classes, else once"
                : options.reps() + " times")
                + ", alternating which goes first; the run of median time stands for its mode.");
        lines.add("");
        if (options.reportOnly()) {
            lines.add(1, "(report only: from the runs left in bench/work/runs; load and commit above are of now)");
        }
        return lines;
    }

    private static String git(Workspace workspace, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).directory(workspace.root().toFile()).redirectErrorStream(true)
                .start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        git.waitFor();
        return output;
    }

    /** A target's result on one line, printed as it finishes. */
    static String oneLine(Result r) {
        if (!r.ok()) {
            return r.problems();
        }
        return String.format(Locale.ROOT, "%d classes, stock %.1fs %dMB, with LockSpot %.1fs %dMB, ratio %.2f,"
                + " LockSpot reports %d, exceptions %d, determinism %s", r.stock().analysis().classes(),
                r.stock().wallSeconds(), r.stock().maxRssKb() / 1024, r.lockSpot().wallSeconds(),
                r.lockSpot().maxRssKb() / 1024, r.wallRatio(), r.lockSpot().analysis().lockSpotReports().size(),
                r.lockSpotExceptions(), Determinism.verdict(r));
    }

    static String status(Run run) {
        return run.problem() == null ? String.format(Locale.ROOT, "ok %.1fs", run.wallSeconds()) : run.problem();
    }

    /** The results table, a TOTAL row, and each goal with MET / NOT MET. */
    static List<String> table(List<Result> results) {
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("target", "classes", "stock s", "+LockSpot s", "ratio",
                "stock MB", "+LockSpot MB", "mem ratio", "after-GC ratio"));
        head.addAll(Report.FAMILIES);
        head.addAll(List.of("exceptions", "skipped cls/meth", "rerun"));
        rows.add(head);
        for (Result r : results) {
            List<String> row = new ArrayList<>();
            row.add(r.target().name());
            if (!r.ok()) {
                row.add(r.problems());
                rows.add(row);
                continue;
            }
            row.add(String.valueOf(r.stock().analysis().classes()));
            row.add(fmt(r.stock().wallSeconds(), 1));
            row.add(fmt(r.lockSpot().wallSeconds(), 1));
            row.add(fmt(r.wallRatio(), 2));
            row.add(String.valueOf(r.stock().maxRssKb() / 1024));
            row.add(String.valueOf(r.lockSpot().maxRssKb() / 1024));
            row.add(fmt(r.rssRatio(), 2));
            row.add(Double.isNaN(r.heapAfterGcRatio()) ? "-" : fmt(r.heapAfterGcRatio(), 2));
            for (String family : Report.FAMILIES) {
                row.add(String.valueOf(r.lockSpot().analysis().familyCount(family)));
            }
            row.add(String.valueOf(r.lockSpotExceptions()));
            row.add(r.lockSpot().skippedClasses() + "/" + r.lockSpot().skippedMethods());
            row.add(Determinism.verdict(r));
            rows.add(row);
        }
        List<Result> ok = results.stream().filter(Result::ok).toList();
        if (!ok.isEmpty()) {
            rows.add(total(results, ok));
        }
        List<String> lines = new ArrayList<>(align(rows));
        lines.add("");
        if (!ok.isEmpty()) {
            lines.addAll(costGoals(ok));
        }
        int exceptions = results.stream().mapToInt(Result::lockSpotExceptions).sum();
        lines.add("LockSpot exceptions: " + exceptions + " [goal: 0] "
                + verdict(exceptions == 0 && ok.size() == results.size()));
        long reruns = results.stream().filter(r -> r.allLockSpot().size() > 1).count();
        long identical = results.stream().filter(Determinism::identical).count();
        lines.add("LockSpot reports identical on a second run: " + identical + " of " + reruns + " targets rerun "
                + verdict(reruns > 0 && identical == reruns));
        int changed = results.stream().mapToInt(Determinism::stockReportsChanged).sum();
        lines.add("stock SpotBugs reports that differ with LockSpot loaded: " + changed
                + (changed == 0 ? "" : " (see results.csv, stock_reports_changed)"));
        int skippedClasses = ok.stream().mapToInt(r -> r.lockSpot().skippedClasses()).sum();
        int skippedMethods = ok.stream().mapToInt(r -> r.lockSpot().skippedMethods()).sum();
        lines.add("LockSpot skipped " + skippedClasses + " classes and " + skippedMethods + " methods"
                + " (bench/work/runs/<target>/lockspot.log has each with its reason)");
        return lines;
    }

    private static List<String> total(List<Result> results, List<Result> ok) {
        double stockTime = ok.stream().mapToDouble(r -> r.stock().wallSeconds()).sum();
        double lockSpotTime = ok.stream().mapToDouble(r -> r.lockSpot().wallSeconds()).sum();
        List<String> total = new ArrayList<>(List.of("TOTAL",
                String.valueOf(ok.stream().mapToInt(r -> r.stock().analysis().classes()).sum()), fmt(stockTime, 1),
                fmt(lockSpotTime, 1), fmt(lockSpotTime / stockTime, 2),
                ok.stream().mapToLong(r -> r.stock().maxRssKb()).max().orElse(0) / 1024 + " max",
                ok.stream().mapToLong(r -> r.lockSpot().maxRssKb()).max().orElse(0) / 1024 + " max",
                "", ""));
        for (String family : Report.FAMILIES) {
            total.add(String.valueOf(ok.stream().mapToLong(r -> r.lockSpot().analysis().familyCount(family)).sum()));
        }
        total.add(String.valueOf(results.stream().mapToInt(Result::lockSpotExceptions).sum()));
        total.add(ok.stream().mapToInt(r -> r.lockSpot().skippedClasses()).sum() + "/"
                + ok.stream().mapToInt(r -> r.lockSpot().skippedMethods()).sum());
        total.add(ok.stream().filter(Determinism::identical).count() + " identical");
        return total;
    }

    /** The wall-time and memory goals over the targets that ran in both modes. */
    private static List<String> costGoals(List<Result> ok) {
        List<String> lines = new ArrayList<>();
        double[] wall = ok.stream().mapToDouble(Result::wallRatio).toArray();
        double[] rss = ok.stream().mapToDouble(Result::rssRatio).toArray();
        double[] heap = ok.stream().mapToDouble(Result::heapRatio).toArray();
        double[] cpu = ok.stream().mapToDouble(Result::cpuRatio).toArray();
        double[] live = ok.stream().mapToDouble(Result::heapAfterGcRatio).filter(d -> !Double.isNaN(d)).toArray();
        Result worst = ok.stream().max(Comparator.comparingDouble(Result::wallRatio)).orElseThrow();
        Result worstMemory = ok.stream().max(Comparator.comparingDouble(Result::rssRatio)).orElseThrow();
        lines.add(String.format(Locale.ROOT, "wall-time ratio: median %.3f, max %.3f (%s)   [goal: median <= 1.10,"
                + " every jar <= 1.25] %s", median(wall), max(wall), worst.target().name(),
                verdict(median(wall) <= 1.10 && max(wall) <= 1.25)));
        lines.add(String.format(Locale.ROOT, "peak-RSS ratio:  median %.3f, max %.3f (%s)   [goal: median <= 1.10,"
                + " every jar <= 1.25] %s", median(rss), max(rss), worstMemory.target().name(),
                verdict(median(rss) <= 1.10 && max(rss) <= 1.25)));
        if (live.length > 0) {
            lines.add(String.format(Locale.ROOT, "heap-after-GC ratio: median %.3f, max %.3f   [same goal, on the"
                    + " largest heap right after a collection, -Xlog:gc] %s", median(live),
                    max(live), verdict(median(live) <= 1.10 && max(live) <= 1.25)));
        }
        lines.add(String.format(Locale.ROOT, "for reference: CPU-time ratio median %.3f, max %.3f; SpotBugs' own"
                + " peak-heap ratio median %.3f, max %.3f", median(cpu), max(cpu), median(heap), max(heap)));
        return lines;
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "NOT MET";
    }

    /** For each known bug: its verdict and the best report naming it. */
    static List<String> knownBugTable(List<KnownBug> bugs, List<Result> results) {
        Map<String, Result> byName = byTarget(results);
        List<String> lines = new ArrayList<>();
        lines.add("Known bugs (bench/known-bugs.tsv): does LockSpot name them?");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("bug", "target", "family", "verdict", "sides named", "locks named", "best report"));
        int found = 0;
        for (KnownBug bug : bugs) {
            Verdict v = KnownBugs.judge(bug, byName.get(bug.target()));
            found += v.verdict().equals("FOUND") ? 1 : 0;
            String report = v.report() == null ? "-" : v.report().type() + " (priority " + v.report().priority()
                    + "): " + Text.abbreviate(v.report().message(), 90);
            rows.add(List.of(bug.id(), bug.target(), bug.family(), v.verdict(),
                    v.report() == null ? "-" : v.sidesNamed() + "/" + bug.sides().size(),
                    v.report() == null ? "-" : v.locksNamed() + "/" + bug.locks().size(), report));
        }
        lines.addAll(align(rows));
        lines.add("found " + found + " of " + bugs.size());
        return lines;
    }

    static Map<String, Result> byTarget(List<Result> results) {
        return results.stream().collect(Collectors.toMap(r -> r.target().name(), Function.identity()));
    }
}
