package io.github.lockspot.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Both modes' runs on one target. With several repetitions the run of median wall time stands for its mode;
 * {@code reruns} are further LockSpot runs made only to check that LockSpot reports the same every time.
 */
record Result(Target target, List<Run> stockRuns, List<Run> lockSpotRuns, List<Run> reruns) {

    Run stock() {
        return medianRun(stockRuns);
    }

    Run lockSpot() {
        return medianRun(lockSpotRuns);
    }

    private static Run medianRun(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(Run::wallSeconds));
        return sorted.get((sorted.size() - 1) / 2);
    }

    double wallRatio() {
        return lockSpot().wallSeconds() / stock().wallSeconds();
    }

    double rssRatio() {
        return (double) lockSpot().maxRssKb() / stock().maxRssKb();
    }

    double heapRatio() {
        return lockSpot().analysis().heapPeakMb() / stock().analysis().heapPeakMb();
    }

    double cpuRatio() {
        return lockSpot().cpuSeconds() / stock().cpuSeconds();
    }

    double heapAfterGcRatio() {
        return lockSpot().heapAfterGcMb() / stock().heapAfterGcMb();
    }

    boolean ok() {
        return all().stream().allMatch(r -> r.problem() == null);
    }

    List<Run> all() {
        List<Run> all = new ArrayList<>(stockRuns);
        all.addAll(lockSpotRuns);
        all.addAll(reruns);
        return all;
    }

    String problems() {
        return all().stream().filter(r -> r.problem() != null).map(r -> r.mode() + ": " + r.problem())
                .collect(Collectors.joining("; "));
    }

    List<Run> allLockSpot() {
        List<Run> all = new ArrayList<>(lockSpotRuns);
        all.addAll(reruns);
        return all;
    }

    /**
     * Exceptions LockSpot caused in any of its runs: analysis errors naming LockSpot, LockSpot log lines with an
     * exception, and a LockSpot run that failed where the stock runs did not.
     */
    int lockSpotExceptions() {
        boolean stockOk = stockRuns.stream().allMatch(r -> r.problem() == null);
        int n = 0;
        for (Run run : allLockSpot()) {
            n += run.lockSpotExceptions();
            n += run.problem() != null && stockOk ? 1 : 0;
        }
        return n;
    }
}
