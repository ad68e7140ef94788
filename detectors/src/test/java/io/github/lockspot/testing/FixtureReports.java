package io.github.lockspot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.umd.cs.findbugs.BugAnnotation;
import edu.umd.cs.findbugs.BugCollection;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.DetectorFactory;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.MethodAnnotation;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.config.UserPreferences;
import edu.umd.cs.findbugs.test.SpotBugsRunner;
import io.github.lockspot.fixtures.analysis.HeldLockShapes;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;

/**
 * Runs SpotBugs with LockSpot once per test JVM over the compiled test fixtures (every detector enabled as by
 * default, the debug ones off) and answers which reports each fixture class got. Tests compile nothing.
 */
public final class FixtureReports {

    /** The bug-type prefixes of LockSpot's families. */
    public static final List<String> FAMILIES = List.of("DLK_", "RMW_", "RNA_", "BLK_");

    private static BugCollection bugs;

    private FixtureReports() {
    }

    /** One expected report: bug type, method name and primary source line. */
    public record Expected(String type, String method, int line) implements Comparable<Expected> {
        @Override
        public String toString() {
            return type + " in " + method + " at line " + line;
        }

        @Override
        public int compareTo(Expected other) {
            return toString().compareTo(other.toString());
        }
    }

    public static Expected report(String type, String method, int line) {
        return new Expected(type, method, line);
    }

    /** Where the compiled fixtures are: the test-fixtures module's classes folder or jar. */
    public static Path fixturesLocation() {
        try {
            return Path.of(HeldLockShapes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** All reports of the one SpotBugs run over the fixtures, stock and LockSpot alike. */
    public static synchronized BugCollection all() {
        if (bugs == null) {
            bugs = new SpotBugsRunner().performAnalysis(engine -> {
                UserPreferences preferences = engine.getUserPreferences();
                for (DetectorFactory factory : DetectorFactoryCollection.instance().getFactories()) {
                    preferences.enableDetector(factory, factory.isDefaultEnabled());
                }
            }, fixturesLocation());
        }
        return bugs;
    }

    /** The reports of LockSpot's families among {@code bugs}. */
    public static List<BugInstance> lockSpotOnly(Iterable<BugInstance> bugs) {
        List<BugInstance> found = new ArrayList<>();
        for (BugInstance bug : bugs) {
            if (FAMILIES.stream().anyMatch(bug.getType()::startsWith)) {
                found.add(bug);
            }
        }
        return found;
    }

    /** Reports on {@code fixture} (and its nested classes) whose type starts with one of {@code prefixes}. */
    public static List<BugInstance> reportsOn(Class<?> fixture, List<String> prefixes) {
        List<BugInstance> found = new ArrayList<>();
        for (BugInstance bug : all()) {
            String className = bug.getPrimaryClass().getClassName();
            boolean onFixture = className.equals(fixture.getName()) || className.startsWith(fixture.getName() + "$");
            if (onFixture && prefixes.stream().anyMatch(bug.getType()::startsWith)) {
                found.add(bug);
            }
        }
        return found;
    }

    /**
     * The steps of {@code bug}'s sides, in order, each as {@code line: description}, e.g.
     * {@code 32: Side 1, step 1: holds TwoLockDeadlockBug.lockA}.
     */
    public static List<String> steps(BugInstance bug) {
        List<String> steps = new ArrayList<>();
        for (BugAnnotation annotation : bug.getAnnotations()) {
            if (annotation instanceof SourceLineAnnotation line && line.getDescription().startsWith("Side ")) {
                steps.add(line.getStartLine() + ": " + line.getDescription());
            }
        }
        return steps;
    }

    /** The methods {@code bug} names (the primary first), each as {@code Class.method(Args)} and its role. */
    public static List<String> methods(BugInstance bug) {
        List<String> methods = new ArrayList<>();
        for (BugAnnotation annotation : bug.getAnnotations()) {
            if (annotation instanceof MethodAnnotation method) {
                methods.add(method.getSlashedClassName().replaceAll(".*[/$]", "") + "." + method.getMethodName()
                        + " " + method.getDescription());
            }
        }
        return methods;
    }

    /**
     * Asserts that the LockSpot reports on {@code fixture} are exactly {@code expected} (type, method, line); with
     * nothing expected, that the fixture gets no LockSpot report at all.
     */
    public static void assertExactly(Class<?> fixture, Expected... expected) {
        List<Expected> actual = new ArrayList<>();
        for (BugInstance bug : reportsOn(fixture, FAMILIES)) {
            SourceLineAnnotation line = bug.getPrimarySourceLineAnnotation();
            actual.add(new Expected(bug.getType(), bug.getPrimaryMethod().getMethodName(), line.getStartLine()));
        }
        List<Expected> wanted = new ArrayList<>(List.of(expected));
        Collections.sort(actual);
        Collections.sort(wanted);
        assertEquals(wanted, actual, "LockSpot reports on " + fixture.getSimpleName());
    }
}
