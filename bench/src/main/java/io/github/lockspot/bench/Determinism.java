package io.github.lockspot.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Whether LockSpot reports the same every run, and whether loading it changes what stock SpotBugs reports. */
final class Determinism {

    private Determinism() {
    }

    /** "identical xN" when every LockSpot run of the target has the same reports, "-" when it ran once. */
    static String verdict(Result result) {
        List<Run> runs = result.allLockSpot();
        if (runs.size() < 2) {
            return "-";
        }
        if (!result.ok()) {
            return "n/a";
        }
        List<String> first = runs.get(0).analysis().keys(true);
        return runs.stream().allMatch(r -> r.analysis().keys(true).equals(first))
                ? "identical x" + runs.size() : "DIFFERENT";
    }

    static boolean identical(Result result) {
        return verdict(result).startsWith("identical");
    }

    /** Non-LockSpot reports that differ between the stock run and the stock part of the LockSpot run. */
    static int stockReportsChanged(Result result) {
        if (!result.ok()) {
            return 0;
        }
        return symmetricDifference(result.stock().analysis().keys(false), result.lockSpot().analysis().keys(false));
    }

    private static int symmetricDifference(List<String> a, List<String> b) {
        Map<String, Integer> counts = new TreeMap<>();
        a.forEach(k -> counts.merge(k, 1, Integer::sum));
        b.forEach(k -> counts.merge(k, -1, Integer::sum));
        return counts.values().stream().mapToInt(Math::abs).sum();
    }
}
