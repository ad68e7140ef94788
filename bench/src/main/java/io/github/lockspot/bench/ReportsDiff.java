package io.github.lockspot.bench;

import io.github.lockspot.bench.ReportsTsv.ReportSet;
import io.github.lockspot.bench.ReportsTsv.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which LockSpot reports shown by default (priority 1 or 2) appeared, disappeared or changed priority between two
 * runs, on the targets both ran. {@code bench/diff-reports OLD NEW}; {@code bench/run --compare-reports OLD}.
 */
public final class ReportsDiff {

    /** Highest priority number SpotBugs shows by default (its -medium threshold). */
    static final int SHOWN = 2;

    private ReportsDiff() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("bench/diff-reports OLD NEW   (each a results directory, a bench/work/runs copy,"
                    + " a bench/work/runs/TARGET directory, a lockspot-reports.tsv or a SpotBugs XML)");
            System.exit(2);
        }
        compare(Path.of(args[0]), Path.of(args[1])).forEach(System.out::println);
    }

    static List<String> compare(Path old, Path now) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("LockSpot reports of priority 1-" + SHOWN + ": " + old + " -> " + now);
        lines.addAll(compare(ReportsTsv.load(old), ReportsTsv.load(now)));
        return lines;
    }

    /**
     * Lines "+" (appeared), "-" (disappeared) and "~" (priority changed) per report, then the counts. A report is
     * the same in both when all but its priority is: target, type, class, method, line and message.
     */
    static List<String> compare(ReportSet old, ReportSet now) {
        Set<String> both = new TreeSet<>(old.targets());
        both.retainAll(now.targets());
        Map<Row, List<Integer>> oldPriorities = byReport(old.rows(), both);
        Map<Row, List<Integer>> newPriorities = byReport(now.rows(), both);
        Set<Row> reports = new TreeSet<>(Row.ORDER);
        reports.addAll(oldPriorities.keySet());
        reports.addAll(newPriorities.keySet());

        List<String> lines = new ArrayList<>();
        lines.add("targets in both: " + (both.isEmpty() ? "none" : String.join(" ", both)));
        onlyIn("old", old.targets(), both, lines);
        onlyIn("new", now.targets(), both, lines);
        int appeared = 0;
        int disappeared = 0;
        int changed = 0;
        for (Row report : reports) {
            List<Integer> before = new ArrayList<>(oldPriorities.getOrDefault(report, List.of()));
            List<Integer> after = new ArrayList<>(newPriorities.getOrDefault(report, List.of()));
            // Reports the same in both, priority included, cancel out; what is left pairs up as priority changes.
            for (Integer priority : List.copyOf(before)) {
                if (after.remove(priority)) {
                    before.remove(priority);
                }
            }
            int pairs = Math.min(before.size(), after.size());
            for (int i = 0; i < pairs; i++) {
                if (Math.min(before.get(i), after.get(i)) <= SHOWN) {
                    lines.add("~ p" + before.get(i) + " -> p" + after.get(i) + "  " + describe(report));
                    changed++;
                }
            }
            for (int priority : before.subList(pairs, before.size())) {
                if (priority <= SHOWN) {
                    lines.add("- p" + priority + "  " + describe(report));
                    disappeared++;
                }
            }
            for (int priority : after.subList(pairs, after.size())) {
                if (priority <= SHOWN) {
                    lines.add("+ p" + priority + "  " + describe(report));
                    appeared++;
                }
            }
        }
        lines.add("appeared " + appeared + ", disappeared " + disappeared + ", changed priority " + changed);
        return lines;
    }

    private static Map<Row, List<Integer>> byReport(List<Row> rows, Set<String> targets) {
        Map<Row, List<Integer>> priorities = new TreeMap<>(Row.ORDER);
        for (Row row : rows) {
            if (targets.contains(row.target())) {
                priorities.computeIfAbsent(row.withoutPriority(), r -> new ArrayList<>()).add(row.priority());
            }
        }
        priorities.values().forEach(list -> list.sort(null));
        return priorities;
    }

    private static void onlyIn(String side, Set<String> targets, Set<String> both, List<String> lines) {
        Set<String> only = new TreeSet<>(targets);
        only.removeAll(both);
        if (!only.isEmpty()) {
            lines.add("only in " + side + ", not compared: " + String.join(" ", only));
        }
    }

    private static String describe(Row report) {
        return report.target() + "  " + report.type() + "  " + report.className() + "." + report.method()
                + (report.line() < 0 ? "" : ":" + report.line()) + "  " + report.message();
    }
}
