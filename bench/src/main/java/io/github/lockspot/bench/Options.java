package io.github.lockspot.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The command line of bench/run. */
final class Options {

    static final String HELP = """
            bench/run [options]   (from the repository root; builds the plugin and this benchmark first)
              --only a,b             only these targets of bench/jars.tsv, in this order (default: all)
              --reps N|auto          runs per mode and target (auto: 3 under 500 classes, else 1)
              --repeat small|all|none|a,b
                                     one more LockSpot run, to compare reports, where a mode ran once
                                     (small: targets of at most 1000 classes)
              --xmx SIZE             heap of every SpotBugs JVM (default 4g)
              --timeout-minutes N    per run (default 30)
              --out DIR              results directory (default bench/results/DATE-Ncores)
              --skip-fetch           use the jars already in bench/work/jars
              --report-only          no runs: tables, CSV and chart from the runs in bench/work/runs
              --no-chart             no gnuplot
              --plugin JAR           benchmark this plugin jar instead of detectors/target/lockspot-*.jar
                                     (bench/run --probe passes the analysis probe, see bench/probe)
              --compare-reports OLD  then print the LockSpot reports of priority 1-2 that appeared, disappeared or
                                     changed priority since OLD (a results directory, a bench/work/runs copy, a
                                     lockspot-reports.tsv or a SpotBugs XML; bench/diff-reports A B does it alone)""";

    private static final Set<String> FLAGS = Set.of("skip-fetch", "no-chart", "report-only", "help");
    private static final Set<String> VALUED = Set.of("only", "reps", "repeat", "xmx", "timeout-minutes", "out",
            "plugin", "compare-reports");

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    static Options parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + " (try --help)");
            }
            String name = args[i].substring(2);
            if (FLAGS.contains(name)) {
                values.put(name, "true");
            } else if (!VALUED.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (try --help)");
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value (try --help)");
            }
        }
        return new Options(values);
    }

    boolean help() {
        return values.containsKey("help");
    }

    /** The targets of --only, in its order; empty when all targets run. */
    Optional<List<String>> only() {
        return Optional.ofNullable(values.get("only")).map(only -> Tsv.list(only, ","));
    }

    /** --reps: "auto" or a number of runs per mode. */
    String reps() {
        return values.getOrDefault("reps", "auto");
    }

    /** --repeat: "small", "all", "none" or target names separated by commas. */
    String repeat() {
        return values.getOrDefault("repeat", "small");
    }

    String xmx() {
        return values.getOrDefault("xmx", "4g");
    }

    long timeoutMinutes() {
        return Long.parseLong(values.getOrDefault("timeout-minutes", "30"));
    }

    Optional<Path> out() {
        return Optional.ofNullable(values.get("out")).map(Path::of);
    }

    boolean skipFetch() {
        return values.containsKey("skip-fetch");
    }

    boolean reportOnly() {
        return values.containsKey("report-only");
    }

    boolean noChart() {
        return values.containsKey("no-chart");
    }

    Optional<Path> plugin() {
        return Optional.ofNullable(values.get("plugin")).map(p -> Path.of(p).toAbsolutePath());
    }

    Optional<Path> compareReports() {
        return Optional.ofNullable(values.get("compare-reports")).map(Path::of);
    }
}
