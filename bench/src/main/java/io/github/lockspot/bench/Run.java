package io.github.lockspot.bench;

/**
 * One measured SpotBugs run. {@code problem} is null when the run completed and wrote its XML; {@code analysis} is
 * null when it wrote none that could be read.
 */
record Run(String mode, double wallSeconds, double cpuSeconds, long maxRssKb, double heapAfterGcMb, int exitCode,
        String problem, Analysis analysis, int skippedClasses, int skippedMethods, int lockSpotExceptions) {
}
