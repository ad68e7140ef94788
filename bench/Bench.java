import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * LockSpot benchmark on real jars: runs SpotBugs on each target of bench/jars.tsv twice, stock detectors alone and
 * stock + LockSpot, alternating which goes first, each in a fresh JVM with the same options; measures wall time,
 * CPU time and peak memory; counts LockSpot's reports per family, its analysis errors and skipped methods; checks
 * that a second LockSpot run reports the same; and checks bench/known-bugs.tsv against the reports.
 *
 * <p>Run from the repository root through {@code bench/run} (which builds the plugin first):
 * {@code java bench/Bench.java [--only a,b] [--xmx 4g] [--repeat small|all|none|a,b] [--out DIR] [--skip-fetch]}.
 */
public class Bench {

    static final List<String> FAMILIES = List.of("DLK", "RMW", "RNA", "BLK");
    static final String STOCK = "stock";
    static final String LOCKSPOT = "lockspot";
    /** Targets analysed at most this many classes get a second LockSpot run for the determinism check ("small"). */
    static final int SMALL_CLASSES = 1000;
    /** Targets of fewer classes run 3 times per mode by default (--reps auto). */
    static final int SMALL_REPEATED = 500;

    record Target(String name, List<String> analyze, List<String> aux, String why) {
    }

    record KnownBug(String id, String target, String family, List<String> locks, List<List<String>> sides,
            String what, String source) {
    }

    /** One reported bug: its type and priority, a stable key for comparing runs, and text to match known bugs. */
    record Report(String type, int priority, String key, Set<String> methods, String lockText, String message) {
        String family() {
            int underscore = type.indexOf('_');
            return underscore < 0 ? "" : type.substring(0, underscore);
        }

        boolean isLockSpot() {
            return FAMILIES.contains(family());
        }
    }

    /** What one SpotBugs XML report says. */
    record Analysis(int classes, double heapPeakMb, List<Report> reports, int errors, int missingClasses,
            List<String> lockSpotErrors) {
        List<Report> lockSpotReports() {
            return reports.stream().filter(Report::isLockSpot).toList();
        }

        List<String> keys(boolean lockSpot) {
            return reports.stream().filter(r -> r.isLockSpot() == lockSpot).map(Report::key).sorted().toList();
        }
    }

    /** One measured SpotBugs run. {@code problem} is null when the run completed and wrote its XML. */
    record Run(String mode, double wallSeconds, double cpuSeconds, long maxRssKb, double heapAfterGcMb, int exitCode,
            String problem, Analysis analysis, int skippedClasses, int skippedMethods, int lockSpotExceptions) {
    }

    /**
     * Both modes' runs on one target. With several repetitions the run of median wall time stands for its mode;
     * {@code reruns} are further LockSpot runs made only to check that LockSpot reports the same every time.
     */
    record Result(Target target, List<Run> stockRuns, List<Run> lockSpotRuns, List<Run> reruns) {
        Run stock() {
            return medianRun(stockRuns);
        }

        Run lockSpot() {
            return medianRun(lockSpotRuns);
        }

        static Run medianRun(List<Run> runs) {
            List<Run> sorted = new ArrayList<>(runs);
            sorted.sort((a, b) -> Double.compare(a.wallSeconds, b.wallSeconds));
            return sorted.get((sorted.size() - 1) / 2);
        }

        double wallRatio() {
            return lockSpot().wallSeconds / stock().wallSeconds;
        }

        double rssRatio() {
            return (double) lockSpot().maxRssKb / stock().maxRssKb;
        }

        double heapRatio() {
            return lockSpot().analysis.heapPeakMb / stock().analysis.heapPeakMb;
        }

        double cpuRatio() {
            return lockSpot().cpuSeconds / stock().cpuSeconds;
        }

        double heapAfterGcRatio() {
            return lockSpot().heapAfterGcMb / stock().heapAfterGcMb;
        }

        boolean ok() {
            return all().stream().allMatch(r -> r.problem == null);
        }

        List<Run> all() {
            List<Run> all = new ArrayList<>(stockRuns);
            all.addAll(lockSpotRuns);
            all.addAll(reruns);
            return all;
        }

        String problems() {
            return all().stream().filter(r -> r.problem != null).map(r -> r.mode + ": " + r.problem)
                    .collect(Collectors.joining("; "));
        }

        List<Run> allLockSpot() {
            List<Run> all = new ArrayList<>(lockSpotRuns);
            all.addAll(reruns);
            return all;
        }

        /**
         * Exceptions LockSpot caused in any of its runs: analysis errors naming LockSpot, LockSpot log lines with an
         * exception, and a LockSpot run that failed where the stock runs did not.
         */
        int lockSpotExceptions() {
            boolean stockOk = stockRuns.stream().allMatch(r -> r.problem == null);
            int n = 0;
            for (Run run : allLockSpot()) {
                n += run.lockSpotExceptions;
                n += run.problem != null && stockOk ? 1 : 0;
            }
            return n;
        }

        /** Non-LockSpot reports that differ between the stock run and the stock part of the LockSpot run. */
        int stockReportsChanged() {
            if (!ok()) {
                return 0;
            }
            return symmetricDifference(stock().analysis.keys(false), lockSpot().analysis.keys(false));
        }

        String determinism() {
            List<Run> runs = allLockSpot();
            if (runs.size() < 2) {
                return "-";
            }
            if (!ok()) {
                return "n/a";
            }
            List<String> first = runs.get(0).analysis.keys(true);
            return runs.stream().allMatch(r -> r.analysis.keys(true).equals(first))
                    ? "identical x" + runs.size() : "DIFFERENT";
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    final Path root = Path.of("").toAbsolutePath();
    final Path work = root.resolve("bench/work");
    final Path jarsDir = work.resolve("jars");
    final Map<String, String> options;

    /** The SpotBugs run under way, ended with the benchmark (Ctrl-C, kill) so that no run outlives it. */
    private volatile Process current;

    Bench(Map<String, String> options) {
        this.options = options;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process process = current;
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parseOptions(args);
        if (options.containsKey("help")) {
            System.out.println("""
                    java bench/Bench.java [options]   (from the repository root; bench/run builds the plugin first)
                      --only a,b             only these targets of bench/jars.tsv, in this order (default: all)
                      --reps N|auto          runs per mode and target (auto: 3 under 500 classes, else 1)
                      --repeat small|all|none|a,b
                                             one more LockSpot run, to compare reports, where a mode ran once
                                             (small: targets of at most 1000 classes)
                      --xmx SIZE             heap of every SpotBugs JVM (default 4g)
                      --timeout-minutes N    per run (default 30)
                      --out DIR              results directory (default bench/results/DATE-Ncores)
                      --skip-fetch           use the jars already in bench/work/jars
                      --report-only          no runs: tables, CSV and chart from the runs in bench/work/runs
                      --no-chart             no gnuplot
                      --plugin JAR           benchmark this plugin jar instead of detectors/target/lockspot-*.jar
                                             (bench/run --probe passes the analysis probe, see bench/probe)""");
            return;
        }
        new Bench(options).run();
    }

    static Map<String, String> parseOptions(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + " (try --help)");
            }
            String name = args[i].substring(2);
            boolean flag = Set.of("skip-fetch", "no-chart", "report-only", "help").contains(name);
            options.put(name, flag ? "true" : args[++i]);
        }
        return options;
    }

    void run() throws Exception {
        Path plugin = findPlugin();
        String spotBugsClassPath = Files.readString(root.resolve("detectors/target/spotbugs.classpath")).trim();
        List<Target> targets = selectTargets(readTargets());
        List<KnownBug> knownBugs = readKnownBugs();
        String slf4jVersion = slf4jVersion(spotBugsClassPath);
        if (!options.containsKey("skip-fetch") && !options.containsKey("report-only")) {
            fetch(targets, slf4jVersion);
        }
        // SpotBugs ships no SLF4J provider; slf4j-simple shows LockSpot's "skipped" messages (the same in both modes).
        String classPath = spotBugsClassPath + java.io.File.pathSeparator
                + jarsDir.resolve("slf4j-simple-" + slf4jVersion + ".jar");
        int cores = Runtime.getRuntime().availableProcessors();
        Path out = options.containsKey("out") ? Path.of(options.get("out"))
                : root.resolve("bench/results/" + LocalDate.now() + "-" + cores + "cores");
        Files.createDirectories(out);

        List<String> header = header(plugin, cores);
        if (options.containsKey("report-only")) {
            header.add(1, "(report only: from the runs left in bench/work/runs; load and commit above are of now)");
        }
        header.forEach(System.out::println);
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            if (options.containsKey("report-only")) {
                if (Files.isRegularFile(runDir(target).resolve(STOCK + ".wall"))
                        && Files.isRegularFile(runDir(target).resolve(LOCKSPOT + ".wall"))) {
                    results.add(loadResult(target));
                } else {
                    System.out.println("no runs of " + target.name + " in " + root.relativize(runDir(target)));
                }
                continue;
            }
            System.out.printf("[%d/%d] %s%n", i + 1, targets.size(), target.name);
            Result result = benchmark(i, target, classPath, plugin);
            results.add(result);
            System.out.println("    " + oneLine(result));
        }

        List<String> report = new ArrayList<>(header);
        report.addAll(table(results));
        report.add("");
        report.addAll(knownBugTable(knownBugs, results));
        Files.write(out.resolve("table.txt"), report);
        writeCsv(out.resolve("results.csv"), results);
        writeKnownBugsCsv(out.resolve("known-bugs.csv"), knownBugs, results);
        System.out.println();
        table(results).forEach(System.out::println);
        System.out.println();
        knownBugTable(knownBugs, results).forEach(System.out::println);
        if (!options.containsKey("no-chart")) {
            chart(out, results);
        }
        System.out.println();
        System.out.println("Written to " + root.relativize(out.toAbsolutePath()) + "/: table.txt, results.csv, "
                + "known-bugs.csv" + (options.containsKey("no-chart") ? "" : ", chart.png (chart.gp, chart.dat)"));
    }

    /** Runs SpotBugs on one target (the index-th) in both modes, repeated as {@link #repetitions} says. */
    Result benchmark(int index, Target target, String classPath, Path plugin) throws IOException, InterruptedException {
        List<Run> stockRuns = new ArrayList<>();
        List<Run> lockSpotRuns = new ArrayList<>();
        int reps = 1;
        for (int rep = 0; rep < reps; rep++) {
            // Alternate which mode goes first, per target and per repetition, so that warm caches and drifting load
            // favour neither.
            boolean stockFirst = (index + rep) % 2 == 0;
            for (String mode : stockFirst ? List.of(STOCK, LOCKSPOT) : List.of(LOCKSPOT, STOCK)) {
                Run run = measure(target, repMode(mode, rep + 1), classPath, plugin);
                (mode.equals(STOCK) ? stockRuns : lockSpotRuns).add(run);
                System.out.printf("    %-15s %s%n", run.mode, status(run));
            }
            if (rep == 0) {
                reps = repetitions(stockRuns.get(0));
            }
        }
        List<Run> reruns = new ArrayList<>();
        if (lockSpotRuns.size() == 1 && repeatFor(target, stockRuns.get(0))) {
            Run rerun = measure(target, LOCKSPOT + "-rerun", classPath, plugin);
            System.out.printf("    %-15s %s%n", rerun.mode, status(rerun));
            reruns.add(rerun);
        }
        return new Result(target, stockRuns, lockSpotRuns, reruns);
    }

    /** The runs of a target as the last benchmark left them in bench/work/runs (--report-only). */
    Result loadResult(Target target) throws IOException {
        List<List<Run>> modes = new ArrayList<>();
        for (String mode : List.of(STOCK, LOCKSPOT)) {
            List<Run> runs = new ArrayList<>();
            for (int rep = 1; Files.isRegularFile(runDir(target).resolve(repMode(mode, rep) + ".wall")); rep++) {
                runs.add(load(target, repMode(mode, rep)));
            }
            if (runs.isEmpty()) {
                throw new IllegalStateException("no runs of " + target.name + " in " + runDir(target));
            }
            modes.add(runs);
        }
        boolean rerun = Files.isRegularFile(runDir(target).resolve(LOCKSPOT + "-rerun.wall"));
        return new Result(target, modes.get(0), modes.get(1),
                rerun ? List.of(load(target, LOCKSPOT + "-rerun")) : List.of());
    }

    /** File name of a mode's run: "stock", "stock-2", "stock-3", ... */
    static String repMode(String mode, int rep) {
        return rep == 1 ? mode : mode + "-" + rep;
    }

    // --- inputs ----------------------------------------------------------------------------------------------------

    Path findPlugin() throws IOException {
        if (options.containsKey("plugin")) {
            return Path.of(options.get("plugin")).toAbsolutePath();
        }
        try (var files = Files.list(root.resolve("detectors/target"))) {
            return files.filter(p -> p.getFileName().toString().matches("lockspot-[0-9].*\\.jar"))
                    .filter(p -> !p.getFileName().toString().contains("sources"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no detectors/target/lockspot-*.jar: run bench/run"));
        }
    }

    List<Target> readTargets() throws IOException {
        List<Target> targets = new ArrayList<>();
        for (String[] row : readTsv(root.resolve("bench/jars.tsv"), 4)) {
            targets.add(new Target(row[0], list(row[1], ","), list(row[2], ","), row[3]));
        }
        return targets;
    }

    List<KnownBug> readKnownBugs() throws IOException {
        List<KnownBug> bugs = new ArrayList<>();
        for (String[] row : readTsv(root.resolve("bench/known-bugs.tsv"), 8)) {
            List<List<String>> sides = new ArrayList<>();
            for (String side : List.of(row[4], row[5])) {
                if (!side.equals("-")) {
                    sides.add(list(side, "\\|"));
                }
            }
            bugs.add(new KnownBug(row[0], row[1], row[2], list(row[3], ","), sides, row[6], row[7]));
        }
        return bugs;
    }

    /** Rows of a tab-separated file without '#' comments and without its header row. */
    static List<String[]> readTsv(Path file, int columns) throws IOException {
        List<String[]> rows = new ArrayList<>();
        boolean header = true;
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] row = line.split("\t", -1);
            if (row.length != columns) {
                throw new IllegalArgumentException(file + ": expected " + columns + " columns: " + line);
            }
            rows.add(row);
        }
        return rows;
    }

    static List<String> list(String cell, String separator) {
        return cell.equals("-") ? List.of() : Arrays.stream(cell.split(separator)).map(String::trim).toList();
    }

    /** The targets named by --only, in the order given there, or all targets in the order of bench/jars.tsv. */
    List<Target> selectTargets(List<Target> all) {
        if (!options.containsKey("only")) {
            return all;
        }
        Map<String, Target> byName = new LinkedHashMap<>();
        all.forEach(t -> byName.put(t.name, t));
        List<Target> chosen = new ArrayList<>();
        for (String name : list(options.get("only"), ",")) {
            Target target = byName.get(name);
            if (target == null) {
                throw new IllegalArgumentException("unknown target " + name + " in --only; known: "
                        + String.join(", ", byName.keySet()));
            }
            chosen.add(target);
        }
        return chosen;
    }

    /**
     * How many times each mode runs on a target: --reps N, or by default 3 on a target of under 500 classes (JVM start
     * and other processes' load weigh most on such short runs) and 1 otherwise.
     */
    int repetitions(Run firstStock) {
        String reps = options.getOrDefault("reps", "auto");
        if (!reps.equals("auto")) {
            return Integer.parseInt(reps);
        }
        return firstStock.analysis != null && firstStock.analysis.classes < SMALL_REPEATED ? 3 : 1;
    }

    boolean repeatFor(Target target, Run stock) {
        String repeat = options.getOrDefault("repeat", "small");
        return switch (repeat) {
            case "all" -> true;
            case "none" -> false;
            case "small" -> stock.analysis != null && stock.analysis.classes <= SMALL_CLASSES;
            default -> list(repeat, ",").contains(target.name);
        };
    }

    static String slf4jVersion(String classPath) {
        Matcher m = Pattern.compile("slf4j-api-([^/\\\\]+)\\.jar").matcher(classPath);
        if (!m.find()) {
            throw new IllegalStateException("no slf4j-api on SpotBugs' class path: " + classPath);
        }
        return m.group(1);
    }

    // --- fetching --------------------------------------------------------------------------------------------------

    /** Copies every jar of the list from Maven Central (through the local repository) into bench/work/jars. */
    void fetch(List<Target> targets, String slf4jVersion) throws IOException, InterruptedException {
        Set<String> coordinates = new LinkedHashSet<>();
        for (Target target : targets) {
            coordinates.addAll(target.analyze);
            coordinates.addAll(target.aux);
        }
        coordinates.add("org.slf4j:slf4j-simple:" + slf4jVersion);
        StringBuilder items = new StringBuilder();
        for (String coordinate : coordinates) {
            String[] gav = coordinate.split(":");
            items.append("          <artifactItem><groupId>").append(gav[0]).append("</groupId><artifactId>")
                    .append(gav[1]).append("</artifactId><version>").append(gav[2])
                    .append("</version></artifactItem>\n");
        }
        String pom = """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <!-- Generated by bench/Bench.java from bench/jars.tsv; fetches the benchmark's jars. -->
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.github.lockspot</groupId>
                  <artifactId>lockspot-bench-fetch</artifactId>
                  <version>0</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-dependency-plugin</artifactId>
                        <version>3.8.1</version>
                        <configuration>
                          <outputDirectory>%s</outputDirectory>
                          <artifactItems>
                %s          </artifactItems>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(jarsDir, items);
        Path pomFile = work.resolve("fetch/pom.xml");
        Files.createDirectories(pomFile.getParent());
        Files.writeString(pomFile, pom);
        System.out.println("Fetching " + coordinates.size() + " jars from Maven Central into "
                + root.relativize(jarsDir) + " ...");
        Process mvn = new ProcessBuilder("mvn", "-B", "-q", "-f", pomFile.toString(), "dependency:copy")
                .inheritIO().start();
        if (mvn.waitFor() != 0) {
            throw new IllegalStateException("fetching the jars failed (mvn exit " + mvn.exitValue() + ")");
        }
    }

    Path jar(String coordinate) {
        String[] gav = coordinate.split(":");
        Path jar = jarsDir.resolve(gav[1] + "-" + gav[2] + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing " + jar + " (run without --skip-fetch)");
        }
        return jar;
    }

    // --- measuring -------------------------------------------------------------------------------------------------

    /** One SpotBugs run in a fresh JVM under /usr/bin/time; same options in every mode except -pluginList. */
    Run measure(Target target, String mode, String classPath, Path plugin) throws IOException, InterruptedException {
        Path dir = runDir(target);
        Files.createDirectories(dir);
        Path xml = dir.resolve(mode + ".xml");
        Path time = dir.resolve(mode + ".time");
        for (String suffix : List.of(".xml", ".time", ".wall", ".log", ".gc")) {
            Files.deleteIfExists(dir.resolve(mode + suffix));
        }
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", time.toString(),
                "java", "-Xmx" + options.getOrDefault("xmx", "4g"), "-Xlog:gc:file=" + dir.resolve(mode + ".gc"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.io.github.lockspot=debug",
                "-cp", classPath, "edu.umd.cs.findbugs.FindBugs2",
                "-effort:default", "-low", "-xml:withMessages=" + xml));
        if (!target.aux.isEmpty()) {
            command.add("-auxclasspath");
            command.add(target.aux.stream().map(c -> jar(c).toString())
                    .collect(Collectors.joining(java.io.File.pathSeparator)));
        }
        if (mode.startsWith(LOCKSPOT)) {
            command.add("-pluginList");
            command.add(plugin.toString());
        }
        target.analyze.forEach(c -> command.add(jar(c).toString()));

        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(mode + ".log").toFile()).start();
        current = process;
        long timeoutMinutes = Long.parseLong(options.getOrDefault("timeout-minutes", "30"));
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

    Path runDir(Target target) {
        return work.resolve("runs/" + target.name);
    }

    /**
     * Reads back one run from bench/work/runs/TARGET/: MODE.wall (wall time and exit code, written by this program),
     * MODE.time (GNU time: elapsed, user, system, max RSS), MODE.xml (SpotBugs) and MODE.log (its output).
     */
    Run load(Target target, String mode) throws IOException {
        Path dir = runDir(target);
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
                analysis = parse(xml);
            } catch (Exception e) {
                problem = problem != null ? problem : "unreadable XML: " + e.getMessage();
            }
        }
        LogFindings log = scanLog(dir.resolve(mode + ".log"));
        // An analysis error may show both in the XML and as a stack trace in the log: count it once.
        int exceptions = Math.max(analysis == null ? 0 : analysis.lockSpotErrors.size(), log.lockSpotTraces)
                + log.lockSpotWarnings;
        return new Run(mode, wall, cpu, rss, heapAfterGc(dir.resolve(mode + ".gc")), exit, problem, analysis,
                log.skippedClasses, log.skippedMethods, exceptions);
    }

    /** Pauses that evacuate or compact; G1's Remark and Cleanup pauses free nothing, so their "after" is no live set. */
    private static final Pattern GC_PAUSE = Pattern.compile("Pause (?:Young|Full).* (\\d+)([KMG])->(\\d+)([KMG])\\(");

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

    record LogFindings(int skippedClasses, int skippedMethods, int lockSpotTraces, int lockSpotWarnings) {
    }

    /**
     * LockSpot's messages in a run's output: "LockSpot skipped class ..." and "LockSpot skipped ..." (a method), stack
     * traces running through LockSpot's code, and other warnings or errors logged by LockSpot's loggers.
     */
    static LogFindings scanLog(Path log) throws IOException {
        int skippedClasses = 0;
        int skippedMethods = 0;
        int traces = 0;
        int warnings = 0;
        boolean traceCounted = false;
        for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            boolean frame = line.startsWith("\tat ") || line.startsWith("    at ");
            if (!frame) {
                traceCounted = false;
            }
            if (line.contains("LockSpot skipped class")) {
                skippedClasses++;
            } else if (line.contains("LockSpot skipped")) {
                skippedMethods++;
            } else if (frame && line.contains("io.github.lockspot.") && !traceCounted) {
                traces++;
                traceCounted = true;
            } else if (line.matches(".*\\b(WARN|ERROR)\\b io\\.github\\.lockspot\\..*")) {
                warnings++;
            }
        }
        return new LogFindings(skippedClasses, skippedMethods, traces, warnings);
    }

    // --- reading SpotBugs' XML -------------------------------------------------------------------------------------

    static Analysis parse(Path xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(xml.toFile());
        Element summary = first(document.getDocumentElement(), "FindBugsSummary");
        int classes = summary == null ? -1 : Integer.parseInt(summary.getAttribute("total_classes"));
        double heapPeak = summary == null || summary.getAttribute("peak_mbytes").isEmpty() ? Double.NaN
                : Double.parseDouble(summary.getAttribute("peak_mbytes"));

        List<Report> reports = new ArrayList<>();
        NodeList bugs = document.getElementsByTagName("BugInstance");
        for (int i = 0; i < bugs.getLength(); i++) {
            reports.add(report((Element) bugs.item(i)));
        }

        int errors = 0;
        int missing = 0;
        List<String> lockSpotErrors = new ArrayList<>();
        Element errorsElement = first(document.getDocumentElement(), "Errors");
        if (errorsElement != null) {
            errors = intAttribute(errorsElement, "errors");
            missing = intAttribute(errorsElement, "missingClasses");
            for (Element error : children(errorsElement, "Error")) {
                String text = error.getTextContent();
                if (text.toLowerCase(Locale.ROOT).contains("lockspot")) {
                    Element message = first(error, "ErrorMessage");
                    lockSpotErrors.add(message == null ? text.strip() : message.getTextContent().strip());
                }
            }
        }
        return new Analysis(classes, heapPeak, reports, errors, missing, lockSpotErrors);
    }

    /**
     * A report's key lists its type, priority and every annotation (class, method, field, line, ...) in order, with
     * its message: two runs report the same when their sorted keys are equal.
     */
    static Report report(Element bug) {
        StringBuilder key = new StringBuilder(bug.getAttribute("type")).append(" p").append(bug.getAttribute("priority"));
        Set<String> methods = new LinkedHashSet<>();
        StringBuilder lockText = new StringBuilder();
        String message = "";
        for (Element child : children(bug, null)) {
            switch (child.getTagName()) {
                case "ShortMessage" -> {
                }
                case "LongMessage" -> {
                    message = child.getTextContent().strip();
                    lockText.append(message).append('\n');
                }
                default -> {
                    key.append(" | ").append(child.getTagName());
                    var attributes = child.getAttributes();
                    Map<String, String> sorted = new TreeMap<>();
                    for (int i = 0; i < attributes.getLength(); i++) {
                        sorted.put(attributes.item(i).getNodeName(), attributes.item(i).getNodeValue());
                    }
                    sorted.forEach((name, value) -> key.append(' ').append(name).append('=').append(value));
                    for (Element line : children(child, "SourceLine")) {
                        key.append(" line=").append(line.getAttribute("start")).append('-')
                                .append(line.getAttribute("end"));
                    }
                    if (child.getTagName().equals("Method")) {
                        methods.add(simpleName(child.getAttribute("classname")) + "." + child.getAttribute("name"));
                    } else if (!child.getTagName().equals("Class") && !child.getTagName().equals("SourceLine")) {
                        lockText.append(sorted.values()).append('\n');
                    }
                }
            }
        }
        key.append(" | ").append(message);
        return new Report(bug.getAttribute("type"), Integer.parseInt(bug.getAttribute("priority")), key.toString(),
                methods, lockText.toString(), message);
    }

    static String simpleName(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple.substring(simple.lastIndexOf('$') + 1);
    }

    static Element first(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        return found.isEmpty() ? null : found.get(0);
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && (tag == null || element.getTagName().equals(tag))) {
                elements.add(element);
            }
        }
        return elements;
    }

    static int intAttribute(Element element, String name) {
        String value = element.getAttribute(name);
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }

    static int symmetricDifference(List<String> a, List<String> b) {
        Map<String, Integer> counts = new TreeMap<>();
        a.forEach(k -> counts.merge(k, 1, Integer::sum));
        b.forEach(k -> counts.merge(k, -1, Integer::sum));
        return counts.values().stream().mapToInt(Math::abs).sum();
    }

    // --- known bugs ------------------------------------------------------------------------------------------------

    record Verdict(String verdict, Report report, int sidesNamed, int locksNamed) {
    }

    /**
     * FOUND: one report of the family names a method of every side and every lock; PARTIAL: one report of the family
     * names a method of some side; MISSED: none does. The best report is the one naming most sides, then most locks.
     */
    static Verdict judge(KnownBug bug, Result result) {
        if (result == null || result.lockSpot().analysis == null) {
            return new Verdict("NOT RUN", null, 0, 0);
        }
        Verdict best = new Verdict("MISSED", null, 0, 0);
        for (Report report : result.lockSpot().analysis.lockSpotReports()) {
            if (!report.family().equals(bug.family)) {
                continue;
            }
            int sides = 0;
            for (List<String> side : bug.sides) {
                if (side.stream().anyMatch(m -> names(report, m))) {
                    sides++;
                }
            }
            int locks = (int) bug.locks.stream()
                    .filter(l -> Pattern.compile("\\b" + Pattern.quote(l) + "\\b").matcher(report.lockText).find())
                    .count();
            if (sides > 0 && (sides > best.sidesNamed || (sides == best.sidesNamed && locks > best.locksNamed))) {
                boolean all = sides == bug.sides.size() && locks == bug.locks.size();
                best = new Verdict(all ? "FOUND" : "PARTIAL", report, sides, locks);
            }
        }
        return best;
    }

    /** Whether a method annotation, the message or another annotation's text (a call chain) names the method. */
    static boolean names(Report report, String method) {
        return report.methods.contains(method) || report.lockText.contains(method + "(")
                || report.lockText.contains(method + " ") || report.message.endsWith(method);
    }

    List<String> knownBugTable(List<KnownBug> bugs, List<Result> results) {
        Map<String, Result> byName = results.stream().collect(Collectors.toMap(r -> r.target.name, r -> r));
        List<String> lines = new ArrayList<>();
        lines.add("Known bugs (bench/known-bugs.tsv): does LockSpot name them?");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("bug", "target", "family", "verdict", "sides named", "locks named", "best report"));
        int found = 0;
        for (KnownBug bug : bugs) {
            Verdict v = judge(bug, byName.get(bug.target));
            found += v.verdict.equals("FOUND") ? 1 : 0;
            String report = v.report == null ? "-" : v.report.type + " (priority " + v.report.priority + "): "
                    + abbreviate(v.report.message, 90);
            rows.add(List.of(bug.id, bug.target, bug.family, v.verdict,
                    v.report == null ? "-" : v.sidesNamed + "/" + bug.sides.size(),
                    v.report == null ? "-" : v.locksNamed + "/" + bug.locks.size(), report));
        }
        lines.addAll(align(rows));
        lines.add("found " + found + " of " + bugs.size());
        return lines;
    }

    void writeKnownBugsCsv(Path file, List<KnownBug> bugs, List<Result> results) throws IOException {
        Map<String, Result> byName = results.stream().collect(Collectors.toMap(r -> r.target.name, r -> r));
        List<String> lines = new ArrayList<>();
        lines.add("bug,target,family,verdict,sides_named,sides,locks_named,locks,report_type,report_priority,"
                + "report_message,source");
        for (KnownBug bug : bugs) {
            Verdict v = judge(bug, byName.get(bug.target));
            lines.add(csv(bug.id, bug.target, bug.family, v.verdict, v.sidesNamed, bug.sides.size(), v.locksNamed,
                    bug.locks.size(), v.report == null ? "" : v.report.type,
                    v.report == null ? "" : v.report.priority, v.report == null ? "" : v.report.message, bug.source));
        }
        Files.write(file, lines);
    }

    // --- output ----------------------------------------------------------------------------------------------------

    List<String> header(Path plugin, int cores) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        lines.add("LockSpot benchmark, " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))
                + " — " + cores + " cores, load average " + String.format(Locale.ROOT, "%.2f",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + " at start, Java " + System.getProperty("java.version"));
        lines.add("SpotBugs " + spotBugsVersion() + " -effort:default -low, -Xmx" + options.getOrDefault("xmx", "4g")
                + " both ways, each run a fresh JVM; plugin " + root.relativize(plugin) + " at commit "
                + git("rev-parse", "--short", "HEAD") + (git("status", "--porcelain", "--untracked-files=no").isEmpty() ? "" : " (+ local changes)"));
        lines.add("Times are wall clock of the whole JVM; memory is peak resident set size (GNU time, max RSS), and the"
                + " largest heap right after a GC (-Xlog:gc); ratios are with-LockSpot / stock.");
        lines.add(options.containsKey("report-only") ? "Each mode ran as often as results.csv says (runs_per_mode),"
                + " alternating which went first; the run of median time stands for its mode." : "Each mode runs "
                + (options.getOrDefault("reps", "auto").equals("auto")
                ? "3 times on a target of under " + SMALL_REPEATED + " classes, else once" : options.get("reps") + " times")
                + ", alternating which goes first; the run of median time stands for its mode.");
        lines.add("");
        return lines;
    }

    String spotBugsVersion() {
        Matcher m = Pattern.compile("spotbugs-([0-9][^/\\\\]*)\\.jar").matcher(
                uncheckedRead(root.resolve("detectors/target/spotbugs.classpath")));
        return m.find() ? m.group(1) : "?";
    }

    static String uncheckedRead(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        git.waitFor();
        return output;
    }

    static String oneLine(Result r) {
        if (!r.ok()) {
            return r.problems();
        }
        return String.format(Locale.ROOT, "%d classes, stock %.1fs %dMB, with LockSpot %.1fs %dMB, ratio %.2f,"
                + " LockSpot reports %d, exceptions %d, determinism %s", r.stock().analysis.classes,
                r.stock().wallSeconds, r.stock().maxRssKb / 1024, r.lockSpot().wallSeconds, r.lockSpot().maxRssKb / 1024,
                r.wallRatio(), r.lockSpot().analysis.lockSpotReports().size(), r.lockSpotExceptions(),
                r.determinism());
    }

    static String status(Run run) {
        return run.problem == null ? String.format(Locale.ROOT, "ok %.1fs", run.wallSeconds) : run.problem;
    }

    List<String> table(List<Result> results) {
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("target", "classes", "stock s", "+LockSpot s", "ratio",
                "stock MB", "+LockSpot MB", "mem ratio", "after-GC ratio"));
        head.addAll(FAMILIES);
        head.addAll(List.of("exceptions", "skipped cls/meth", "rerun"));
        rows.add(head);
        for (Result r : results) {
            List<String> row = new ArrayList<>();
            row.add(r.target.name);
            if (!r.ok()) {
                row.add(r.problems());
                rows.add(row);
                continue;
            }
            row.add(String.valueOf(r.stock().analysis.classes));
            row.add(fmt(r.stock().wallSeconds, 1));
            row.add(fmt(r.lockSpot().wallSeconds, 1));
            row.add(fmt(r.wallRatio(), 2));
            row.add(String.valueOf(r.stock().maxRssKb / 1024));
            row.add(String.valueOf(r.lockSpot().maxRssKb / 1024));
            row.add(fmt(r.rssRatio(), 2));
            row.add(Double.isNaN(r.heapAfterGcRatio()) ? "-" : fmt(r.heapAfterGcRatio(), 2));
            for (String family : FAMILIES) {
                row.add(String.valueOf(r.lockSpot().analysis.lockSpotReports().stream()
                        .filter(b -> b.family().equals(family)).count()));
            }
            row.add(String.valueOf(r.lockSpotExceptions()));
            row.add(r.lockSpot().skippedClasses + "/" + r.lockSpot().skippedMethods);
            row.add(r.determinism());
            rows.add(row);
        }
        List<Result> ok = results.stream().filter(Result::ok).toList();
        if (!ok.isEmpty()) {
            double stockTime = ok.stream().mapToDouble(r -> r.stock().wallSeconds).sum();
            double lockSpotTime = ok.stream().mapToDouble(r -> r.lockSpot().wallSeconds).sum();
            List<String> total = new ArrayList<>(List.of("TOTAL",
                    String.valueOf(ok.stream().mapToInt(r -> r.stock().analysis.classes).sum()), fmt(stockTime, 1),
                    fmt(lockSpotTime, 1), fmt(lockSpotTime / stockTime, 2),
                    String.valueOf(ok.stream().mapToLong(r -> r.stock().maxRssKb).max().orElse(0) / 1024) + " max",
                    String.valueOf(ok.stream().mapToLong(r -> r.lockSpot().maxRssKb).max().orElse(0) / 1024) + " max",
                    "", ""));
            for (String family : FAMILIES) {
                total.add(String.valueOf(ok.stream().mapToLong(r -> r.lockSpot().analysis.lockSpotReports().stream()
                        .filter(b -> b.family().equals(family)).count()).sum()));
            }
            total.add(String.valueOf(results.stream().mapToInt(Result::lockSpotExceptions).sum()));
            total.add(ok.stream().mapToInt(r -> r.lockSpot().skippedClasses).sum() + "/"
                    + ok.stream().mapToInt(r -> r.lockSpot().skippedMethods).sum());
            total.add(ok.stream().filter(r -> r.determinism().startsWith("identical")).count() + " identical");
            rows.add(total);
        }
        List<String> lines = new ArrayList<>(align(rows));
        lines.add("");
        if (!ok.isEmpty()) {
            double[] wall = ok.stream().mapToDouble(Result::wallRatio).toArray();
            double[] rss = ok.stream().mapToDouble(Result::rssRatio).toArray();
            double[] heap = ok.stream().mapToDouble(Result::heapRatio).toArray();
            double[] cpu = ok.stream().mapToDouble(Result::cpuRatio).toArray();
            double[] live = ok.stream().mapToDouble(Result::heapAfterGcRatio).filter(d -> !Double.isNaN(d)).toArray();
            Result worst = ok.stream().max((a, b) -> Double.compare(a.wallRatio(), b.wallRatio())).orElseThrow();
            Result worstMemory = ok.stream().max((a, b) -> Double.compare(a.rssRatio(), b.rssRatio())).orElseThrow();
            lines.add(String.format(Locale.ROOT, "wall-time ratio: median %.3f, max %.3f (%s)   [goal: median <= 1.10,"
                    + " every jar <= 1.25] %s", median(wall), max(wall), worst.target.name,
                    verdict(median(wall) <= 1.10 && max(wall) <= 1.25)));
            lines.add(String.format(Locale.ROOT, "peak-RSS ratio:  median %.3f, max %.3f (%s)   [goal: median <= 1.10,"
                    + " every jar <= 1.25] %s", median(rss), max(rss), worstMemory.target.name,
                    verdict(median(rss) <= 1.10 && max(rss) <= 1.25)));
            if (live.length > 0) {
                lines.add(String.format(Locale.ROOT, "heap-after-GC ratio: median %.3f, max %.3f   [same goal, on the"
                        + " largest heap right after a collection, -Xlog:gc] %s", median(live),
                        max(live), verdict(median(live) <= 1.10 && max(live) <= 1.25)));
            }
            lines.add(String.format(Locale.ROOT, "for reference: CPU-time ratio median %.3f, max %.3f; SpotBugs' own"
                    + " peak-heap ratio median %.3f, max %.3f", median(cpu), max(cpu), median(heap), max(heap)));
        }
        int exceptions = results.stream().mapToInt(Result::lockSpotExceptions).sum();
        lines.add("LockSpot exceptions: " + exceptions + " [goal: 0] " + verdict(exceptions == 0 && ok.size() == results.size()));
        long reruns = results.stream().filter(r -> r.allLockSpot().size() > 1).count();
        long identical = results.stream().filter(r -> r.determinism().startsWith("identical")).count();
        lines.add("LockSpot reports identical on a second run: " + identical + " of " + reruns + " targets rerun "
                + verdict(reruns > 0 && identical == reruns));
        int changed = results.stream().mapToInt(Result::stockReportsChanged).sum();
        lines.add("stock SpotBugs reports that differ with LockSpot loaded: " + changed
                + (changed == 0 ? "" : " (see results.csv, stock_reports_changed)"));
        int skippedClasses = ok.stream().mapToInt(r -> r.lockSpot().skippedClasses).sum();
        int skippedMethods = ok.stream().mapToInt(r -> r.lockSpot().skippedMethods).sum();
        lines.add("LockSpot skipped " + skippedClasses + " classes and " + skippedMethods + " methods"
                + " (bench/work/runs/<target>/lockspot.log has each with its reason)");
        return lines;
    }

    static String verdict(boolean met) {
        return met ? "MET" : "NOT MET";
    }

    void writeCsv(Path file, List<Result> results) throws IOException {
        List<String> lines = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("target", "jars", "classes", "stock_wall_s", "lockspot_wall_s",
                "wall_ratio", "stock_cpu_s", "lockspot_cpu_s", "cpu_ratio", "stock_max_rss_mb", "lockspot_max_rss_mb",
                "rss_ratio", "stock_heap_peak_mb", "lockspot_heap_peak_mb", "heap_ratio", "stock_heap_after_gc_mb",
                "lockspot_heap_after_gc_mb", "heap_after_gc_ratio"));
        FAMILIES.forEach(f -> head.add(f.toLowerCase(Locale.ROOT) + "_reports"));
        head.addAll(List.of("lockspot_exceptions", "skipped_classes", "skipped_methods", "determinism",
                "stock_reports_changed", "stock_errors", "lockspot_errors", "missing_classes", "runs_per_mode",
                "stock_wall_s_all", "lockspot_wall_s_all", "problems"));
        lines.add(String.join(",", head));
        for (Result r : results) {
            List<Object> row = new ArrayList<>(List.of(r.target.name, String.join(" ", r.target.analyze)));
            if (r.ok()) {
                row.addAll(List.of(r.stock().analysis.classes, fmt(r.stock().wallSeconds, 2),
                        fmt(r.lockSpot().wallSeconds, 2), fmt(r.wallRatio(), 3), fmt(r.stock().cpuSeconds, 2),
                        fmt(r.lockSpot().cpuSeconds, 2), fmt(r.cpuRatio(), 3), r.stock().maxRssKb / 1024,
                        r.lockSpot().maxRssKb / 1024, fmt(r.rssRatio(), 3), fmt(r.stock().analysis.heapPeakMb, 1),
                        fmt(r.lockSpot().analysis.heapPeakMb, 1), fmt(r.heapRatio(), 3),
                        fmt(r.stock().heapAfterGcMb, 1), fmt(r.lockSpot().heapAfterGcMb, 1),
                        fmt(r.heapAfterGcRatio(), 3)));
                for (String family : FAMILIES) {
                    row.add(r.lockSpot().analysis.lockSpotReports().stream().filter(b -> b.family().equals(family))
                            .count());
                }
            } else {
                row.addAll(Collections.nCopies(16 + FAMILIES.size(), ""));
            }
            row.addAll(List.of(r.lockSpotExceptions(), r.lockSpot().skippedClasses, r.lockSpot().skippedMethods,
                    r.determinism(), r.stockReportsChanged(),
                    r.stock().analysis == null ? "" : r.stock().analysis.errors,
                    r.lockSpot().analysis == null ? "" : r.lockSpot().analysis.errors,
                    r.stock().analysis == null ? "" : r.stock().analysis.missingClasses, r.stockRuns.size(),
                    walls(r.stockRuns), walls(r.lockSpotRuns), r.problems()));
            lines.add(csv(row.toArray()));
        }
        Files.write(file, lines);
    }

    static String walls(List<Run> runs) {
        return runs.stream().map(r -> fmt(r.wallSeconds, 2)).collect(Collectors.joining(" "));
    }

    /** Cost ratio per jar against its class count, drawn by gnuplot (bench/run installs it if missing). */
    void chart(Path out, List<Result> results) throws IOException, InterruptedException {
        List<String> data = new ArrayList<>(List.of("# target classes wall_ratio rss_ratio"));
        for (Result r : results.stream().filter(Result::ok).toList()) {
            data.add(String.format(Locale.ROOT, "%s %d %.4f %.4f", r.target.name, r.stock().analysis.classes,
                    r.wallRatio(), r.rssRatio()));
        }
        Files.write(out.resolve("chart.dat"), data);
        if (data.size() == 1) {
            System.out.println("no target ran in both modes: no chart");
            return;
        }
        String script = """
                # Drawn by bench/Bench.java: cost of adding LockSpot to stock SpotBugs, per jar.
                set terminal pngcairo size 1100,650 font ",11"
                set output "chart.png"
                set title "LockSpot cost per jar (%s)"
                set xlabel "classes analysed (log scale)"
                set ylabel "with LockSpot / stock SpotBugs"
                set logscale x
                set grid
                set key top right
                set yrange [0.3<*<0.8:1.35<*]
                set arrow from graph 0, first 1.10 to graph 1, first 1.10 nohead dt 2 lc rgb "#e69f00"
                set arrow from graph 0, first 1.25 to graph 1, first 1.25 nohead dt 2 lc rgb "#d55e00"
                set label "median goal 1.10" at graph 0.01, first 1.115 tc rgb "#e69f00"
                set label "per-jar limit 1.25" at graph 0.01, first 1.265 tc rgb "#d55e00"
                plot "chart.dat" using 2:3 with points pt 7 ps 1.5 lc rgb "#0072b2" title "wall-time ratio", \\
                     "chart.dat" using 2:4 with points pt 5 ps 1.2 lc rgb "#009e73" title "peak-RSS ratio", \\
                     "chart.dat" using 2:3:1 with labels offset 0,1 font ",9" notitle
                """.formatted(out.getFileName());
        Files.writeString(out.resolve("chart.gp"), script);
        try {
            Process gnuplot = new ProcessBuilder("gnuplot", "chart.gp").directory(out.toFile()).inheritIO().start();
            if (gnuplot.waitFor() != 0) {
                System.out.println("gnuplot failed; chart.gp and chart.dat are written");
            }
        } catch (IOException e) {
            System.out.println("no gnuplot (bench/run installs gnuplot-nox); chart.gp and chart.dat are written");
        }
    }

    // --- small helpers ---------------------------------------------------------------------------------------------

    static List<String> align(List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            if (row.size() == columns) {
                for (int i = 0; i < columns - 1; i++) {
                    widths[i] = Math.max(widths[i], row.get(i).length());
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(i == row.size() - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    static String csv(Object... values) {
        return Arrays.stream(values).map(v -> {
            String s = String.valueOf(v);
            return s.contains(",") || s.contains("\"") || s.contains("\n")
                    ? "\"" + s.replace("\"", "\"\"").replace("\n", " ") + "\"" : s;
        }).collect(Collectors.joining(","));
    }

    static String fmt(double value, int decimals) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String abbreviate(String text, int length) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= length ? oneLine : oneLine.substring(0, length - 1) + "…";
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
