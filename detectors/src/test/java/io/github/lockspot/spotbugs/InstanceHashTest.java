package io.github.lockspot.spotbugs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.umd.cs.findbugs.BugAnnotation;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.DetectorFactory;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.IntAnnotation;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.config.UserPreferences;
import edu.umd.cs.findbugs.test.SpotBugsRunner;
import io.github.lockspot.testing.FixtureReports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report's instance hash (what SpotBugs baselines, {@code excludeBugsFile}, match on) depends on what the bug is
 * about, never on where its lines are: an unrelated edit above it must not bring an accepted finding back.
 */
class InstanceHashTest {

    private static final Path FIXTURE_SOURCES = Path.of(System.getProperty("basedir", "."))
            .resolve("../test-fixtures/src/main/java").normalize();
    private static final String SHIFT = "\n\n\n\n\n\n\n";

    @Test
    void hashedTextNamesNoLineOfTheReport() {
        List<String> leaks = new ArrayList<>();
        for (BugInstance bug : lockSpotReports(FixtureReports.all())) {
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
        List<String> asWritten = hashesOf(compileFixtures(temp.resolve("as-written"), ""));
        List<String> shifted = hashesOf(compileFixtures(temp.resolve("shifted"), SHIFT));
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

    /** Every fixture source compiled into {@code out}, each file's text after {@code prefix} (which moves its lines). */
    private static Path compileFixtures(Path out, String prefix) throws IOException {
        Path sources = out.resolve("src");
        Path classes = Files.createDirectories(out.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("-g", "--release", "17", "-nowarn", "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(FIXTURE_SOURCES)) {
            for (Path source : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                Path copy = sources.resolve(FIXTURE_SOURCES.relativize(source).toString());
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, prefix + Files.readString(source));
                arguments.add(copy.toString());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, arguments.toArray(String[]::new)), "fixtures compile");
        return classes;
    }

    /** LockSpot's reports on {@code classes} (only its detectors run), each as type, class, method and hash, sorted. */
    private static List<String> hashesOf(Path classes) {
        Iterable<BugInstance> bugs = new SpotBugsRunner().performAnalysis(engine -> {
            UserPreferences preferences = engine.getUserPreferences();
            for (DetectorFactory factory : DetectorFactoryCollection.instance().getFactories()) {
                preferences.enableDetector(factory,
                        factory.getFullName().startsWith("io.github.lockspot.") && factory.isDefaultEnabled());
            }
        }, classes);
        List<String> hashes = new ArrayList<>();
        for (BugInstance bug : lockSpotReports(bugs)) {
            hashes.add(bug.getType() + " " + bug.getPrimaryMethod().getFullMethod(bug.getPrimaryClass()) + " "
                    + bug.getInstanceHash());
        }
        hashes.sort(null);
        return hashes;
    }

    private static List<BugInstance> lockSpotReports(Iterable<BugInstance> bugs) {
        List<BugInstance> found = new ArrayList<>();
        for (BugInstance bug : bugs) {
            if (FixtureReports.FAMILIES.stream().anyMatch(bug.getType()::startsWith)) {
                found.add(bug);
            }
        }
        return found;
    }
}
