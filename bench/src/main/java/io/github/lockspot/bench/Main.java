package io.github.lockspot.bench;

import io.github.lockspot.bench.KnownBugs.KnownBug;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * LockSpot benchmark on real jars: runs SpotBugs on each target of bench/jars.tsv twice, stock detectors alone and
 * stock + LockSpot, alternating which goes first, each in a fresh JVM with the same options; measures wall time,
 * CPU time and peak memory; counts LockSpot's reports per family, its analysis errors and skipped methods; checks
 * that a second LockSpot run reports the same; and checks bench/known-bugs.tsv against the reports.
 *
 * <p>Run from the repository root through {@code bench/run} (which builds the plugin and this module first);
 * {@code bench/run --help} lists the options.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options.help()) {
            System.out.println(Options.HELP);
            return;
        }
        run(Workspace.current(), options);
    }

    static void run(Workspace workspace, Options options) throws Exception {
        Corpus corpus = new Corpus(workspace);
        SpotBugsRun spotBugs = new SpotBugsRun(workspace, corpus, options);
        Benchmark benchmark = new Benchmark(spotBugs, options);
        List<Target> targets = Corpus.select(corpus.readTargets(), options.only());
        List<KnownBug> knownBugs = KnownBugs.read(workspace.root().resolve("bench/known-bugs.tsv"));
        if (!options.skipFetch() && !options.reportOnly()) {
            corpus.fetch(targets, spotBugs.slf4jSimple());
        }
        int cores = Runtime.getRuntime().availableProcessors();
        Path out = options.out().orElse(workspace.root().resolve("bench/results/" + LocalDate.now() + "-" + cores
                + "cores"));
        Files.createDirectories(out);

        List<String> header = TableText.header(workspace, spotBugs, options, cores);
        header.forEach(System.out::println);
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            if (options.reportOnly()) {
                if (benchmark.ranBefore(target)) {
                    results.add(benchmark.loadResult(target));
                } else {
                    System.out.println("no runs of " + target.name() + " in "
                            + workspace.show(workspace.runDir(target)));
                }
                continue;
            }
            System.out.printf("[%d/%d] %s%n", i + 1, targets.size(), target.name());
            Result result = benchmark.benchmark(i, target);
            results.add(result);
            System.out.println("    " + TableText.oneLine(result));
        }

        List<String> table = TableText.table(results);
        List<String> knownBugTable = TableText.knownBugTable(knownBugs, results);
        List<String> report = new ArrayList<>(header);
        report.addAll(table);
        report.add("");
        report.addAll(knownBugTable);
        Files.write(out.resolve("table.txt"), report);
        CsvFiles.writeResults(out.resolve("results.csv"), results);
        CsvFiles.writeKnownBugs(out.resolve("known-bugs.csv"), knownBugs, results);
        ReportsTsv.write(out.resolve(ReportsTsv.FILE), results);
        System.out.println();
        table.forEach(System.out::println);
        System.out.println();
        knownBugTable.forEach(System.out::println);
        if (!options.noChart()) {
            Chart.write(out, results);
        }
        System.out.println();
        System.out.println("Written to " + workspace.show(out) + "/: table.txt, results.csv, known-bugs.csv, "
                + ReportsTsv.FILE + (options.noChart() ? "" : ", chart.png (chart.gp, chart.dat)"));
        if (options.compareReports().isPresent()) {
            System.out.println();
            ReportsDiff.compare(options.compareReports().get(), out).forEach(System.out::println);
        }
    }
}
