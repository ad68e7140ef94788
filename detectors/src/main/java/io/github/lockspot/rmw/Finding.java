package io.github.lockspot.rmw;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Priorities;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.spotbugs.Reports;
import java.util.List;

/**
 * One RMW report before it becomes a SpotBugs bug: pattern, priority, where, the field it is about (null for updates
 * through calls), the words the message needs in order, and further source lines with their roles.
 */
record Finding(String type, int priority, Site site, FieldUses.Field field, List<Object> details, List<Line> lines) {

    static final int HIGH = Priorities.HIGH_PRIORITY;
    static final int NORMAL = Priorities.NORMAL_PRIORITY;
    static final int LOW = Priorities.LOW_PRIORITY;

    /** The role of a call into the reported method: side 1 of the report, calling it. */
    static final String CALL_INTO = "call into the reported method";

    /**
     * A further source line: {@code role} is a SpotBugs source-line role such as {@code SOURCE_LINE_SYNC_ACCESS}, or
     * {@link #CALL_INTO}.
     */
    record Line(Site site, String role) {
    }

    /** Reports of the same pattern on the same line about the same thing are one (javac copies finally blocks). */
    String key() {
        return type + " " + site.method() + ":" + site.line() + " " + (field != null ? field.display() : details);
    }

    Finding withPriority(int newPriority) {
        return new Finding(type, newPriority, site, field, details, lines);
    }

    BugInstance toBug(Reports reports, ProgramModel model) {
        BugInstance bug = reports.bugAt(type, priority, site, model);
        if (field != null) {
            bug.addField(field.owner().name().replace('/', '.'), field.info().name(), field.info().desc(),
                    field.info().isStatic());
        }
        for (Object detail : details) {
            if (detail instanceof Integer number) {
                bug.addInt(number);
            } else {
                bug.addString(String.valueOf(detail));
            }
        }
        for (Line line : lines) {
            if (line.role().equals(CALL_INTO)) {
                reports.side(bug, 1, line.site().method(), model).call(line.site(), site.method());
            } else {
                bug.addSourceLine(reports.line(line.site(), model)).describe(line.role());
            }
        }
        return bug;
    }
}
