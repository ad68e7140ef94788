package io.github.lockspot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * LockSpot's messages in a run's output: "LockSpot skipped class ..." and "LockSpot skipped ..." (a method), stack
 * traces running through LockSpot's code, and other warnings or errors logged by LockSpot's loggers.
 */
record RunLog(int skippedClasses, int skippedMethods, int lockSpotTraces, int lockSpotWarnings) {

    static RunLog scan(Path log) throws IOException {
        int skippedClasses = 0;
        int skippedMethods = 0;
        int traces = 0;
        int warnings = 0;
        boolean traceCounted = false;
        for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            boolean frame = line.startsWith("\tat ") || line.startsWith("    at ");
            if (!frame) {
                traceCounted = false;
            }
            if (line.contains("LockSpot skipped class")) {
                skippedClasses++;
            } else if (line.contains("LockSpot skipped")) {
                skippedMethods++;
            } else if (frame && line.contains("io.github.lockspot.") && !traceCounted) {
                traces++;
                traceCounted = true;
            } else if (line.matches(".*\\b(WARN|ERROR)\\b io\\.github\\.lockspot\\..*")) {
                warnings++;
            }
        }
        return new RunLog(skippedClasses, skippedMethods, traces, warnings);
    }
}
