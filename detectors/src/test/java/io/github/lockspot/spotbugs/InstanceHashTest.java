package io.github.lockspot.spotbugs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.umd.cs.findbugs.BugAnnotation;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.IntAnnotation;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import io.github.lockspot.testing.FixtureReports;
import io.github.lockspot.testing.RecompiledFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report's instance hash (what SpotBugs baselines, {@code excludeBugsFile}, match on) depends on what the bug is
 * about, never on where its lines are: an unrelated edit above it must not bring an accepted finding back.
 */
class InstanceHashTest {

    private static final String SHIFT = "\n\n\n\n\n\n\n";

    @Test
    void hashedTextNamesNoLineOfTheReport() {
        List<String> leaks = new ArrayList<>();
        for (BugInstance bug : FixtureReports.lockSpotOnly(FixtureReports.all())) {
            Set<Integer> lines = new TreeSet<>();
            for (BugAnnotation annotation : bug.getAnnotations()) {
                if (annotation instanceof SourceLineAnnotation line && line.getStartLine() > 0) {
                    lines.add(line.getStartLine());
                }
            }
            for (BugAnnotation annotation : bug.getAnnotations()) {
                if (hashed(annotation)) {
                    String text = annotation.format("hash", null);
                    for (int line : lines) {
                        if (Pattern.compile("(line |:)" + line + "(?!\\d)").matcher(text).find()) {
                            leaks.add(bug.getType() + " on " + bug.getPrimaryClass().getClassName() + ": line "
                                    + line + " in \"" + text + "\"");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    void hashesSurviveShiftedLines(@TempDir Path temp) throws IOException {
        List<String> asWritten = hashesOf(RecompiledFixtures.compile(temp.resolve("as-written"), "17", "", all -> true));
        List<String> shifted = hashesOf(RecompiledFixtures.compile(temp.resolve("shifted"), "17", SHIFT, all -> true));
        assertFalse(asWritten.isEmpty());
        for (String family : FixtureReports.FAMILIES) {
            assertTrue(asWritten.stream().anyMatch(hash -> hash.startsWith(family)), family + " reports compared");
        }
        List<String> changed = new ArrayList<>(asWritten);
        changed.removeAll(shifted);
        assertEquals(List.of(), changed, "reports whose hash the shift changed");
        assertEquals(asWritten, shifted);
    }

    /** The hash's input: what SpotBugs' {@code BugInstance.getInstanceKey} takes of each annotation. */
    private static boolean hashed(BugAnnotation annotation) {
        return annotation.isSignificant() || annotation instanceof IntAnnotation;
    }

    /** LockSpot's reports on {@code classes}, each as type, class, method and hash, sorted. */
    private static List<String> hashesOf(Path classes) {
        List<String> hashes = new ArrayList<>();
        for (BugInstance bug : RecompiledFixtures.lockSpotReports(classes)) {
            hashes.add(bug.getType() + " " + bug.getPrimaryMethod().getFullMethod(bug.getPrimaryClass()) + " "
                    + bug.getInstanceHash());
        }
        hashes.sort(null);
        return hashes;
    }
}
