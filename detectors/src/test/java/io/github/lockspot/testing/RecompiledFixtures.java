package io.github.lockspot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.DetectorFactory;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.IFindBugsEngine;
import edu.umd.cs.findbugs.config.UserPreferences;
import edu.umd.cs.findbugs.test.SpotBugsRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Fixture sources compiled again by the test, differently from the build (another Java release, lines moved), and
 * LockSpot run on the result: what the same source gives as other compilers' bytecode.
 */
public final class RecompiledFixtures {

    /** The fixture sources of the test-fixtures module. */
    public static final Path SOURCES = Path.of(System.getProperty("basedir", "."))
            .resolve("../test-fixtures/src/main/java").normalize();

    private RecompiledFixtures() {
    }

    /**
     * The fixture sources {@code which} accepts compiled with debug information for {@code release} into
     * {@code out}/classes, each file's text after {@code prefix} (which moves its lines).
     */
    public static Path compile(Path out, String release, String prefix, Predicate<Path> which) throws IOException {
        Path sources = out.resolve("src");
        Path classes = Files.createDirectories(out.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("-g", "--release", release, "-nowarn", "-d",
                classes.toString(), "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path source : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))
                    .filter(which)::iterator) {
                Path copy = sources.resolve(SOURCES.relativize(source).toString());
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

    /**
     * LockSpot's reports on {@code classes}, only its detectors run (as by default), with {@code auxiliary} on the
     * auxiliary class path (another module's classes, read but not analysed).
     */
    public static List<BugInstance> lockSpotReports(Path classes, Path... auxiliary) {
        Consumer<IFindBugsEngine> lockSpotOnly = engine -> {
            UserPreferences preferences = engine.getUserPreferences();
            for (DetectorFactory factory : DetectorFactoryCollection.instance().getFactories()) {
                preferences.enableDetector(factory,
                        factory.getFullName().startsWith("io.github.lockspot.") && factory.isDefaultEnabled());
            }
        };
        SpotBugsRunner runner = new SpotBugsRunner();
        for (Path entry : auxiliary) {
            runner.addAuxClasspathEntry(lockSpotOnly, entry);
        }
        return FixtureReports.lockSpotOnly(runner.performAnalysis(lockSpotOnly, classes));
    }
}
