package io.github.lockspot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lockspot.testing.FixtureReports;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, loaded as a user's command line loads it: {@code FindBugs2 -pluginList lockspot.jar} on a class
 * path of SpotBugs' own jars only (LockSpot's classes come from the jar alone). It must load without a warning about
 * the plugin and report on the fixtures.
 */
class PluginLoadsFromCommandLineIT {

    /** A report line of {@code -longBugCodes} output: priority, category letter, bug type. */
    private static final java.util.regex.Pattern BUG_LINE = java.util.regex.Pattern.compile("^[HML] [A-Z] [A-Z0-9_]+ ");

    /** Runs {@code FindBugs2 -low -longBugCodes -pluginList lockspot.jar [options] fixtures}; returns its output. */
    private static String spotbugs(String... options) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("lockspot.jar"));
        assertTrue(Files.isRegularFile(jar), "packaged plugin " + jar);
        List<String> spotbugsJars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && !entry.contains("lockspot")) {
                spotbugsJars.add(entry);
            }
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, spotbugsJars), "edu.umd.cs.findbugs.FindBugs2",
                "-low", "-longBugCodes", "-pluginList", jar.toString()));
        command.addAll(List.of(options));
        command.add(FixtureReports.fixturesLocation().toString());
        Path output = Files.createTempFile("lockspot-cli", ".txt");
        Process spotbugs = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(spotbugs.waitFor(5, TimeUnit.MINUTES), "SpotBugs finished");
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, spotbugs.exitValue(), text);
        return text;
    }

    @Test
    void loadsWithoutWarningsAndReports() throws IOException, InterruptedException {
        String text = spotbugs();
        for (String line : text.split("\n")) {
            if (BUG_LINE.matcher(line).find()) {
                continue; // a finding, e.g. one whose message says what the bug throws
            }
            String lower = line.toLowerCase();
            boolean aboutPlugin = lower.contains("plugin") || lower.contains("lockspot") || lower.contains("bugrank");
            boolean complaint = lower.contains("warn") || lower.contains("error") || lower.contains("unable")
                    || lower.contains("could not") || lower.contains("exception");
            assertTrue(!(aboutPlugin && complaint), "complaint about the plugin: " + line);
        }
        for (String family : FixtureReports.FAMILIES) {
            assertTrue(text.contains(family), "no " + family + " report from the command line:\n" + text);
        }
    }

    @Test
    void excludeFilterByBugCodeSilencesOneFamilyOnly() throws IOException, InterruptedException {
        Path filter = Files.createTempFile("lockspot-exclude", ".xml");
        Files.writeString(filter, "<FindBugsFilter><Match><Bug code=\"DLK\"/></Match></FindBugsFilter>");
        String text = spotbugs("-exclude", filter.toString());
        assertTrue(!text.contains("DLK_"), "DLK_ reports despite the exclude filter");
        assertTrue(text.contains("BLK_") && text.contains("RNA_"), "the other families must stay");
    }
}
