package io.github.lockspot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * lockspot-reports.tsv: every LockSpot report of the LockSpot runs, one a line, sorted by where it is, so that two
 * runs' files compare with {@code diff} and a changed priority shows as one changed line.
 */
final class ReportsTsv {

    static final String FILE = "lockspot-reports.tsv";
    private static final String HEADER = "target\ttype\tpriority\tclass\tmethod\tline\tmessage";
    /** The first line names the targets analysed, those without reports too. */
    private static final String TARGETS = "# targets: ";

    /** One LockSpot report; {@code line} is -1 when the report has no source line. */
    record Row(String target, String type, int priority, String className, String method, int line,
            String message) {

        static final Comparator<Row> ORDER = Comparator.comparing(Row::target).thenComparing(Row::className)
                .thenComparing(Row::method).thenComparingInt(Row::line).thenComparing(Row::type)
                .thenComparing(Row::message).thenComparingInt(Row::priority);

        /** The row without its priority: what a report is, to tell a changed priority from another report. */
        Row withoutPriority() {
            return new Row(target, type, 0, className, method, line, message);
        }

        String tsv() {
            return String.join("\t", target, type, String.valueOf(priority), className, method,
                    line < 0 ? "-" : String.valueOf(line), message);
        }
    }

    private ReportsTsv() {
    }

    /** The reports of some targets; a target without reports is among {@code targets} and has no row. */
    record ReportSet(Set<String> targets, List<Row> rows) {
    }

    static List<Row> rows(String target, Analysis analysis) {
        return analysis.lockSpotReports().stream().map(r -> new Row(target, r.type(), r.priority(), r.className(),
                r.method(), r.line(), Text.oneLine(r.message()).strip())).sorted(Row.ORDER).toList();
    }

    /** The LockSpot reports of each target's LockSpot run (the one standing for its mode). */
    static void write(Path file, List<Result> results) throws IOException {
        List<Result> analysed = results.stream().filter(r -> r.lockSpot().analysis() != null).toList();
        List<String> lines = new ArrayList<>();
        lines.add(TARGETS + analysed.stream().map(r -> r.target().name()).sorted().collect(Collectors.joining(" ")));
        lines.add(HEADER);
        analysed.stream().flatMap(r -> rows(r.target().name(), r.lockSpot().analysis()).stream())
                .sorted(Row.ORDER).forEach(row -> lines.add(row.tsv()));
        Files.write(file, lines);
    }

    static ReportSet read(Path file) throws IOException {
        Set<String> targets = new TreeSet<>();
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(TARGETS)) {
                String names = line.substring(TARGETS.length()).strip();
                targets.addAll(names.isEmpty() ? List.of() : List.of(names.split(" ")));
                continue;
            }
            if (line.isBlank() || line.equals(HEADER)) {
                continue;
            }
            String[] f = line.split("\t", 7);
            if (f.length != 7) {
                throw new IllegalArgumentException(file + ": expected 7 tab-separated columns: " + line);
            }
            rows.add(new Row(f[0], f[1], Integer.parseInt(f[2]), f[3], f[4], f[5].equals("-") ? -1
                    : Integer.parseInt(f[5]), f[6]));
            targets.add(f[0]);
        }
        return new ReportSet(targets, rows);
    }

    /**
     * The LockSpot reports a path holds: a lockspot-reports.tsv, a SpotBugs XML (its directory names the target), a
     * directory holding either (a results directory, bench/work/runs/TARGET), or a directory of such directories
     * (bench/work/runs or a copy of it).
     */
    static ReportSet load(Path path) throws Exception {
        if (Files.isRegularFile(path) && path.toString().endsWith(".xml")) {
            String target = path.toAbsolutePath().getParent().getFileName().toString();
            return new ReportSet(Set.of(target), rows(target, ReportXml.parse(path)));
        }
        if (Files.isRegularFile(path)) {
            return read(path);
        }
        for (String file : List.of(FILE, SpotBugsRun.LOCKSPOT + ".xml")) {
            if (Files.isRegularFile(path.resolve(file))) {
                return load(path.resolve(file));
            }
        }
        Set<String> targets = new TreeSet<>();
        List<Row> rows = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> dirs = Files.list(path)) {
                for (Path xml : dirs.map(d -> d.resolve(SpotBugsRun.LOCKSPOT + ".xml")).filter(Files::isRegularFile)
                        .sorted().toList()) {
                    ReportSet set = load(xml);
                    targets.addAll(set.targets());
                    rows.addAll(set.rows());
                }
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no " + FILE + ", " + SpotBugsRun.LOCKSPOT + ".xml or directories"
                    + " holding one at " + path);
        }
        return new ReportSet(targets, rows);
    }
}
