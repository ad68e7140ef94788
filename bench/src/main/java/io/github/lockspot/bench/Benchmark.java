package io.github.lockspot.bench;

import static io.github.lockspot.bench.SpotBugsRun.LOCKSPOT;
import static io.github.lockspot.bench.SpotBugsRun.STOCK;
import static io.github.lockspot.bench.SpotBugsRun.repMode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** How often each mode runs on a target, in which order, and which runs make up its {@link Result}. */
final class Benchmark {

    /** Targets analysed at most this many classes get a second LockSpot run for the determinism check ("small"). */
    static final int SMALL_CLASSES = 1000;
    /** Targets of fewer classes run 3 times per mode by default (--reps auto). */
    static final int SMALL_REPEATED = 500;

    private final SpotBugsRun spotBugs;
    private final Options options;

    Benchmark(SpotBugsRun spotBugs, Options options) {
        this.spotBugs = spotBugs;
        this.options = options;
    }

    /** Runs SpotBugs on one target (the index-th) in both modes, repeated as {@link #repetitions} says. */
    Result benchmark(int index, Target target) throws IOException, InterruptedException {
        List<Run> stockRuns = new ArrayList<>();
        List<Run> lockSpotRuns = new ArrayList<>();
        int reps = 1;
        for (int rep = 0; rep < reps; rep++) {
            // Alternate which mode goes first, per target and per repetition, so that warm caches and drifting load
            // favour neither.
            boolean stockFirst = (index + rep) % 2 == 0;
            for (String mode : stockFirst ? List.of(STOCK, LOCKSPOT) : List.of(LOCKSPOT, STOCK)) {
                Run run = spotBugs.measure(target, repMode(mode, rep + 1));
                (mode.equals(STOCK) ? stockRuns : lockSpotRuns).add(run);
                System.out.printf("    %-15s %s%n", run.mode(), TableText.status(run));
            }
            if (rep == 0) {
                reps = repetitions(stockRuns.get(0));
            }
        }
        List<Run> reruns = new ArrayList<>();
        if (lockSpotRuns.size() == 1 && repeatFor(target, stockRuns.get(0))) {
            Run rerun = spotBugs.measure(target, LOCKSPOT + "-rerun");
            System.out.printf("    %-15s %s%n", rerun.mode(), TableText.status(rerun));
            reruns.add(rerun);
        }
        return new Result(target, stockRuns, lockSpotRuns, reruns);
    }

    /** Whether bench/work/runs holds both modes' runs of the target (for --report-only). */
    boolean ranBefore(Target target) {
        return spotBugs.ran(target, STOCK) && spotBugs.ran(target, LOCKSPOT);
    }

    /** The runs of a target as the last benchmark left them in bench/work/runs (--report-only). */
    Result loadResult(Target target) throws IOException {
        List<List<Run>> modes = new ArrayList<>();
        for (String mode : List.of(STOCK, LOCKSPOT)) {
            List<Run> runs = new ArrayList<>();
            for (int rep = 1; spotBugs.ran(target, repMode(mode, rep)); rep++) {
                runs.add(spotBugs.load(target, repMode(mode, rep)));
            }
            modes.add(runs);
        }
        boolean rerun = spotBugs.ran(target, LOCKSPOT + "-rerun");
        return new Result(target, modes.get(0), modes.get(1),
                rerun ? List.of(spotBugs.load(target, LOCKSPOT + "-rerun")) : List.of());
    }

    /**
     * How many times each mode runs on a target: --reps N, or by default 3 on a target of under 500 classes (JVM start
     * and other processes' load weigh most on such short runs) and 1 otherwise.
     */
    private int repetitions(Run firstStock) {
        String reps = options.reps();
        if (!reps.equals("auto")) {
            return Integer.parseInt(reps);
        }
        return firstStock.analysis() != null && firstStock.analysis().classes() < SMALL_REPEATED ? 3 : 1;
    }

    private boolean repeatFor(Target target, Run stock) {
        String repeat = options.repeat();
        return switch (repeat) {
            case "all" -> true;
            case "none" -> false;
            case "small" -> stock.analysis() != null && stock.analysis().classes() <= SMALL_CLASSES;
            default -> Tsv.list(repeat, ",").contains(target.name());
        };
    }
}
