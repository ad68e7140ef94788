package io.github.lockspot.sarif;

import edu.umd.cs.findbugs.SourceLineAnnotation;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One step of one side of a report, read from a source line's role {@code Side N, step K: what happens}: the form
 * LockSpot's reports give every line of a thread's chain (a cycle's sides, a blocking or updating call chain).
 */
record Step(int side, int step, String text, SourceLineAnnotation line) {

    private static final Pattern ROLE = Pattern.compile("Side (\\d+), step (\\d+): (.+)", Pattern.DOTALL);

    /** The step {@code line}'s role names, if it names one. */
    static Optional<Step> of(SourceLineAnnotation line) {
        String role = line.getDescription();
        Matcher matcher = role == null ? null : ROLE.matcher(role);
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Step(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                matcher.group(3), line));
    }
}
