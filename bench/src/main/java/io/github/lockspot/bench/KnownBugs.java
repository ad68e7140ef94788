package io.github.lockspot.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The bugs of bench/known-bugs.tsv, and whether LockSpot's reports on their target name them. */
final class KnownBugs {

    /** A known bug: the family expected to report it, its lock classes and its sides (each a list of methods). */
    record KnownBug(String id, String target, String family, List<String> locks, List<List<String>> sides,
            String what, String source) {
    }

    record Verdict(String verdict, Report report, int sidesNamed, int locksNamed) {
    }

    private KnownBugs() {
    }

    static List<KnownBug> read(Path file) throws IOException {
        List<KnownBug> bugs = new ArrayList<>();
        for (String[] row : Tsv.read(file, 8)) {
            List<List<String>> sides = new ArrayList<>();
            for (String side : List.of(row[4], row[5])) {
                if (!side.equals("-")) {
                    sides.add(Tsv.list(side, "\\|"));
                }
            }
            bugs.add(new KnownBug(row[0], row[1], row[2], Tsv.list(row[3], ","), sides, row[6], row[7]));
        }
        return bugs;
    }

    /**
     * FOUND: one report of the family names a method of every side and every lock; PARTIAL: one report of the family
     * names a method of some side; MISSED: none does. The best report is the one naming most sides, then most locks.
     */
    static Verdict judge(KnownBug bug, Result result) {
        if (result == null || result.lockSpot().analysis() == null) {
            return new Verdict("NOT RUN", null, 0, 0);
        }
        Verdict best = new Verdict("MISSED", null, 0, 0);
        for (Report report : result.lockSpot().analysis().lockSpotReports()) {
            if (!report.family().equals(bug.family())) {
                continue;
            }
            int sides = 0;
            for (List<String> side : bug.sides()) {
                if (side.stream().anyMatch(m -> names(report, m))) {
                    sides++;
                }
            }
            int locks = (int) bug.locks().stream()
                    .filter(l -> Pattern.compile("\\b" + Pattern.quote(l) + "\\b").matcher(report.lockText()).find())
                    .count();
            if (sides > 0 && (sides > best.sidesNamed() || (sides == best.sidesNamed() && locks > best.locksNamed()))) {
                boolean all = sides == bug.sides().size() && locks == bug.locks().size();
                best = new Verdict(all ? "FOUND" : "PARTIAL", report, sides, locks);
            }
        }
        return best;
    }

    /** Whether a method annotation, the message or another annotation's text (a call chain) names the method. */
    private static boolean names(Report report, String method) {
        return report.methods().contains(method) || report.lockText().contains(method + "(")
                || report.lockText().contains(method + " ") || report.message().endsWith(method);
    }
}
