package io.github.lockspot.bench;

import java.util.List;

/** What one SpotBugs XML report says. */
record Analysis(int classes, double heapPeakMb, List<Report> reports, int errors, int missingClasses,
        List<String> lockSpotErrors) {

    List<Report> lockSpotReports() {
        return reports.stream().filter(Report::isLockSpot).toList();
    }

    /** How many reports of one LockSpot family. */
    long familyCount(String family) {
        return reports.stream().filter(r -> r.family().equals(family)).count();
    }

    /** The sorted keys of LockSpot's reports, or of the others. */
    List<String> keys(boolean lockSpot) {
        return reports.stream().filter(r -> r.isLockSpot() == lockSpot).map(Report::key).sorted().toList();
    }
}
