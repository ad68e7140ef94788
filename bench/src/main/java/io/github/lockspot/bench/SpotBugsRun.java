package io.github.lockspot.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs SpotBugs on a target in a fresh JVM under GNU time, stock or with LockSpot, and reads a run back from
 * bench/work/runs/TARGET/: MODE.xml (SpotBugs' report), MODE.log (its output), MODE.time (GNU time: elapsed, user,
 * system, max RSS), MODE.gc (-Xlog:gc) and MODE.wall (wall time, exit code and problem, written here).
 */
final class SpotBugsRun {

    static final String STOCK = "stock";
    static final String LOCKSPOT = "lockspot";

    /** Pauses that evacuate or compact; G1's Remark and Cleanup pauses free nothing, so their "after" is no live set. */
    private static final Pattern GC_PAUSE = Pattern.compile("Pause (?:Young|Full).* (\\d+)([KMG])->(\\d+)([KMG])\\(");

    private final Workspace workspace;
    private final Corpus corpus;
    private final Options options;
    private final Path plugin;
    /** SpotBugs' own class path, written by the detectors build. */
    private final String spotBugsClassPath;

    /** The SpotBugs run under way, ended with the benchmark (Ctrl-C, kill) so that no run outlives it. */
    private volatile Process current;

    SpotBugsRun(Workspace workspace, Corpus corpus, Options options) throws IOException {
        this.workspace = workspace;
        this.corpus = corpus;
        this.options = options;
        this.plugin = options.plugin().isPresent() ? options.plugin().get() : builtPlugin(workspace);
        this.spotBugsClassPath = Files.readString(workspace.root().resolve("detectors/target/spotbugs.classpath"))
                .trim();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process process = current;
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }));
    }

    private static Path builtPlugin(Workspace workspace) throws IOException {
        try (var files = Files.list(workspace.root().resolve("detectors/target"))) {
            return files.filter(p -> p.getFileName().toString().matches("lockspot-[0-9].*\\.jar"))
                    .filter(p -> !p.getFileName().toString().contains("sources"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no detectors/target/lockspot-*.jar: run bench/run"));
        }
    }

    Path plugin() {
        return plugin;
    }

    String spotBugsVersion() {
        Matcher m = Pattern.compile("spotbugs-([0-9][^/\\\\]*)\\.jar").matcher(spotBugsClassPath);
        return m.find() ? m.group(1) : "?";
    }

    /**
     * SpotBugs ships no SLF4J provider; slf4j-simple, of SpotBugs' slf4j-api version, shows LockSpot's "skipped"
     * messages (the same in both modes). Fetched with the targets.
     */
    String slf4jSimple() {
        Matcher m = Pattern.compile("slf4j-api-([^/\\\\]+)\\.jar").matcher(spotBugsClassPath);
        if (!m.find()) {
            throw new IllegalStateException("no slf4j-api on SpotBugs' class path: " + spotBugsClassPath);
        }
        return "org.slf4j:slf4j-simple:" + m.group(1);
    }

    /** File name of a mode's run: "stock", "stock-2", "stock-3", ... */
    static String repMode(String mode, int rep) {
        return rep == 1 ? mode : mode + "-" + rep;
    }

    /** One SpotBugs run in a fresh JVM under /usr/bin/time; same options in every mode except -pluginList. */
    Run measure(Target target, String mode) throws IOException, InterruptedException {
        Path dir = workspace.runDir(target);
        Files.createDirectories(dir);
        Path xml = dir.resolve(mode + ".xml");
        Path time = dir.resolve(mode + ".time");
        for (String suffix : List.of(".xml", ".time", ".wall", ".log", ".gc")) {
            Files.deleteIfExists(dir.resolve(mode + suffix));
        }
        String classPath = spotBugsClassPath + File.pathSeparator + corpus.jar(slf4jSimple());
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", time.toString(),
                "java", "-Xmx" + options.xmx(), "-Xlog:gc:file=" + dir.resolve(mode + ".gc"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.io.github.lockspot=debug",
                "-cp", classPath, "edu.umd.cs.findbugs.FindBugs2",
                "-effort:default", "-low", "-xml:withMessages=" + xml));
        if (!target.aux().isEmpty()) {
            command.add("-auxclasspath");
            command.add(target.aux().stream().map(c -> corpus.jar(c).toString())
                    .collect(Collectors.joining(File.pathSeparator)));
        }
        if (mode.startsWith(LOCKSPOT)) {
            command.add("-pluginList");
            command.add(plugin.toString());
        }
        target.analyze().forEach(c -> command.add(corpus.jar(c).toString()));

        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(mode + ".log").toFile()).start();
        current = process;
        long timeoutMinutes = options.timeoutMinutes();
        boolean finished = process.waitFor(timeoutMinutes, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        String problem = finished ? null : "timeout after " + timeoutMinutes + " min";
        Files.writeString(dir.resolve(mode + ".wall"), String.format(Locale.ROOT, "%.3f %d %s%n", wall,
                process.exitValue(), problem == null ? "" : problem));
        return load(target, mode);
    }

    /** Whether bench/work/runs holds a run of the target in this mode. */
    boolean ran(Target target, String mode) {
        return Files.isRegularFile(workspace.runDir(target).resolve(mode + ".wall"));
    }

    /** Reads back one run from bench/work/runs/TARGET/. */
    Run load(Target target, String mode) throws IOException {
        Path dir = workspace.runDir(target);
        Path xml = dir.resolve(mode + ".xml");
        String[] wallFields = Files.readString(dir.resolve(mode + ".wall")).strip().split(" ", 3);
        double wall = Double.parseDouble(wallFields[0]);
        int exit = Integer.parseInt(wallFields[1]);
        String problem = wallFields.length > 2 && !wallFields[2].isBlank() ? wallFields[2] : null;

        double cpu = Double.NaN;
        long rss = -1;
        Path time = dir.resolve(mode + ".time");
        if (Files.isRegularFile(time)) {
            // GNU time writes "Command exited with non-zero status N" first when the command failed.
            List<String> lines = Files.readAllLines(time);
            String[] fields = lines.isEmpty() ? new String[0] : lines.get(lines.size() - 1).trim().split(" ");
            if (fields.length == 4) {
                cpu = Double.parseDouble(fields[1]) + Double.parseDouble(fields[2]);
                rss = Long.parseLong(fields[3]);
            }
        }
        if (problem == null) {
            problem = exit != 0 ? "exit " + exit
                    : !Files.isRegularFile(xml) || Files.size(xml) == 0 ? "no XML written" : null;
        }
        Analysis analysis = null;
        if (Files.isRegularFile(xml) && Files.size(xml) > 0) {
            try {
                analysis = ReportXml.parse(xml);
            } catch (Exception e) {
                problem = problem != null ? problem : "unreadable XML: " + e.getMessage();
            }
        }
        RunLog log = RunLog.scan(dir.resolve(mode + ".log"));
        // An analysis error may show both in the XML and as a stack trace in the log: count it once.
        int exceptions = Math.max(analysis == null ? 0 : analysis.lockSpotErrors().size(), log.lockSpotTraces())
                + log.lockSpotWarnings();
        return new Run(mode, wall, cpu, rss, heapAfterGc(dir.resolve(mode + ".gc")), exit, problem, analysis,
                log.skippedClasses(), log.skippedMethods(), exceptions);
    }

    /**
     * The largest heap occupancy right after a collection, in MB, from the run's -Xlog:gc file: close to the most
     * live data the run held, unlike the resident set size, which follows how far the collector lets the heap grow.
     */
    static double heapAfterGc(Path gcLog) throws IOException {
        if (!Files.isRegularFile(gcLog)) {
            return Double.NaN;
        }
        double max = Double.NaN;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_PAUSE.matcher(line);
            if (m.find()) {
                double after = Long.parseLong(m.group(3)) * switch (m.group(4)) {
                    case "K" -> 1.0 / 1024;
                    case "G" -> 1024.0;
                    default -> 1.0;
                };
                max = Double.isNaN(max) ? after : Math.max(max, after);
            }
        }
        return max;
    }
}
