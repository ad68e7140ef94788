package io.github.lockspot.blk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.umd.cs.findbugs.BugAnnotation;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.StringAnnotation;
import io.github.lockspot.testing.FixtureReports;
import java.util.ArrayList;
import java.util.List;

/** What one BLK report on a fixture says beyond its type, method and line: its texts and further source lines. */
final class BlkReports {
    private BlkReports() {
    }

    /** The one BLK report on {@code fixture}; fails if there is not exactly one. */
    static BugInstance onlyReportOn(Class<?> fixture) {
        List<BugInstance> reports = FixtureReports.reportsOn(fixture, List.of("BLK_"));
        assertEquals(1, reports.size(), "BLK reports on " + fixture.getSimpleName() + ": " + reports);
        return reports.get(0);
    }

    /** The string annotations in order: what blocks, the locks held, the advice. */
    static List<String> texts(BugInstance bug) {
        List<String> texts = new ArrayList<>();
        for (BugAnnotation annotation : bug.getAnnotations()) {
            if (annotation instanceof StringAnnotation text) {
                texts.add(text.getValue());
            }
        }
        return texts;
    }

    /** The further source lines with {@code role}, in order, as line numbers. */
    static List<Integer> lines(BugInstance bug, String role) {
        List<Integer> lines = new ArrayList<>();
        for (BugAnnotation annotation : bug.getAnnotations()) {
            if (annotation instanceof SourceLineAnnotation line && role.equals(line.getDescription())) {
                lines.add(line.getStartLine());
            }
        }
        return lines;
    }
}
