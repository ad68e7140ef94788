package io.github.lockspot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lockspot.testing.FixtureReports;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/lockspot's main class run as bin/lockspot runs it: a JVM with SpotBugs' jars and the packaged LockSpot jar on
 * its class path. Each bad input names the path and what is wrong, exits 2 and prints no stack trace; findings exit 1
 * unless {@code --no-fail}; the reports asked for are written; SLF4J says nothing.
 */
class CommandLineIT {

    @TempDir
    Path work;

    /** Exit status and everything printed (stdout and stderr together). */
    private record Outcome(int status, String output) {
        void assertNoStackTrace() {
            assertFalse(output.contains("\tat ") || output.contains("Exception in thread")
                    || output.contains("Caused by"), "stack trace:\n" + output);
            assertFalse(output.contains("SLF4J"), "SLF4J warnings:\n" + output);
        }
    }

    private Outcome lockspot(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("lockspot.jar"));
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && !entry.contains("lockspot")) {
                classPath.add(entry);
            }
        }
        classPath.add(jar.toString());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", String.join(File.pathSeparator, classPath), Main.class.getName()));
        command.addAll(List.of(args));
        Path output = work.resolve("output.txt");
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "lockspot finished");
        return new Outcome(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private void assertBadInput(String expected, String... args) throws IOException, InterruptedException {
        Outcome outcome = lockspot(args);
        assertEquals(2, outcome.status(), outcome.output());
        assertTrue(outcome.output().contains(expected), "expected '" + expected + "' in:\n" + outcome.output());
        outcome.assertNoStackTrace();
    }

    /** A folder with the classes of one lock-order cycle fixture. */
    private Path cycleClasses() throws IOException {
        Path classes = Files.createDirectories(work.resolve("classes"));
        Path fixtures = FixtureReports.fixturesLocation();
        String prefix = "CooperatingObjectsBug";
        if (Files.isDirectory(fixtures)) {
            copyClasses(fixtures, prefix, classes);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + fixtures.toUri()), Map.of())) {
                copyClasses(jar.getPath("/"), prefix, classes);
            }
        }
        return classes;
    }

    private static void copyClasses(Path from, String prefix, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> f.getFileName() != null
                    && f.getFileName().toString().startsWith(prefix)).toList()) {
                Files.copy(file, to.resolve(file.getFileName().toString()));
            }
        }
    }

    @Test
    void helpIsLockSpotsOwnUsage() throws IOException, InterruptedException {
        for (String help : List.of("--help", "-h")) {
            Outcome outcome = lockspot(help);
            assertEquals(0, outcome.status(), outcome.output());
            for (String option : List.of("Usage: lockspot", "--sarif FILE", "--xml FILE", "--graph FILE",
                    "--baseline FILE", "--no-fail", "goes to SpotBugs", "Exit status")) {
                assertTrue(outcome.output().contains(option), option + " missing from:\n" + outcome.output());
            }
            assertFalse(outcome.output().contains("-maxHeap"), outcome.output());
            outcome.assertNoStackTrace();
        }
    }

    @Test
    void eachBadInputIsNamedWithWhatIsWrong() throws IOException, InterruptedException {
        Path notAJar = Files.writeString(work.resolve("notes.jar"), "just text\n");
        Path empty = Files.createDirectories(work.resolve("empty"));
        Path classes = cycleClasses();
        Path missing = work.resolve("missing.jar");
        assertBadInput(missing + ": no such file or folder", missing.toString());
        assertBadInput(notAJar + ": not a jar, zip or class file", notAJar.toString());
        assertBadInput(empty + ": folder holds no .class, .jar or .zip file", empty.toString());
        assertBadInput(work.resolve("gone.jar") + ": no such file or folder", classes.toString(),
                work.resolve("gone.jar").toString());
        assertBadInput("no jar, class file or folder to analyse", "-low");
        assertBadInput("unknown option --frobnicate", "--frobnicate", classes.toString());
        assertBadInput("Unknown option: -maxHeap", "-maxHeap", "512", classes.toString());
        assertBadInput("--sarif needs a file name", classes.toString(), "--sarif");
        assertBadInput("--baseline " + notAJar + ": not a SpotBugs XML report", "--baseline", notAJar.toString(),
                classes.toString());
        assertBadInput("--graph locks.png: the file name must end in .dot or .svg", "--graph", "locks.png",
                classes.toString());
    }

    @Test
    void findingsExitOneWithTheReportsAskedForAndABaselineHidesThem() throws IOException, InterruptedException {
        Path classes = cycleClasses();
        Outcome first = lockspot("-low", "--xml", "out/report.xml", "--sarif", "out/report.sarif", "--graph",
                "out/locks.dot", classes.toString());
        assertEquals(1, first.status(), first.output());
        assertTrue(first.output().contains("DLK_LOCK_ORDER_CYCLE"), first.output());
        first.assertNoStackTrace();
        assertTrue(Files.readString(work.resolve("out/report.xml")).contains("type=\"DLK_LOCK_ORDER_CYCLE\""));
        assertTrue(Files.readString(work.resolve("out/report.sarif"))
                .contains("\"ruleId\": \"DLK_LOCK_ORDER_CYCLE\""));
        assertTrue(Files.readString(work.resolve("out/locks.dot")).startsWith("digraph"));

        Outcome again = lockspot("-low", "--baseline", "out/report.xml", classes.toString());
        assertEquals(0, again.status(), again.output());
        assertFalse(again.output().contains("DLK_"), again.output());

        Outcome noFail = lockspot("-low", "--no-fail", classes.toString());
        assertEquals(0, noFail.status(), noFail.output());
        assertTrue(noFail.output().contains("DLK_LOCK_ORDER_CYCLE"), noFail.output());
    }
}
