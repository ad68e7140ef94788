package io.github.lockspot.cli;

import edu.umd.cs.findbugs.FindBugs2;
import edu.umd.cs.findbugs.SortedBugCollection;
import edu.umd.cs.findbugs.TextUICommandLine;
import edu.umd.cs.findbugs.config.CommandLine.HelpRequestedException;
import edu.umd.cs.findbugs.filter.FilterException;
import io.github.lockspot.dlk.LockGraphDot;
import io.github.lockspot.sarif.XmlToSarif;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dom4j.DocumentException;

/**
 * One analysis: SpotBugs' text UI with LockSpot loaded ({@code -pluginList}), long bug codes and the findings printed
 * sorted by class, plus the reports the options ask for. Every input is checked before SpotBugs starts.
 */
final class Run {
    private final Options options;
    private final PrintStream err;

    Run(Options options, PrintStream err) {
        this.options = options;
        this.err = err;
    }

    /** Analyses the targets; returns the number of findings reported. */
    int analyse() {
        checkBaseline();
        for (Path output : Arrays.asList(options.xml(), options.sarif(), options.graph())) {
            makeFolderOf(output);
        }
        Path dot = graphSource();
        Path xml = options.xml() != null ? options.xml() : options.sarif() != null ? temporary(".xml") : null;
        List<String> argv = new ArrayList<>(List.of("-longBugCodes", "-pluginList", pluginLocation(), "-sortByClass"));
        if (xml != null) {
            argv.add("-xml:withMessages=" + xml.toAbsolutePath());
        }
        if (options.baseline() != null) {
            argv.addAll(List.of("-excludeBugs", options.baseline().toString()));
        }
        argv.addAll(options.spotbugsArgs());

        TextUICommandLine commandLine = new TextUICommandLine();
        String[] args = argv.toArray(String[]::new);
        int firstTarget = parse(commandLine, args);
        List<String> targets = Arrays.asList(args).subList(firstTarget, args.length);
        if (targets.isEmpty()) {
            throw new BadInputException("no jar, class file or folder to analyse");
        }
        for (String target : targets) {
            Targets.check(Path.of(target));
            commandLine.getProject().addFile(target);
        }
        if (dot != null) {
            System.setProperty(LockGraphDot.PROPERTY, dot.toAbsolutePath().toString());
        }
        int findings;
        try (FindBugs2 engine = new FindBugs2()) {
            configure(commandLine, engine);
            engine.execute();
            findings = engine.getBugCount();
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new AnalysisFailedException("SpotBugs failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnalysisFailedException("interrupted", e);
        }
        if (options.sarif() != null) {
            writeSarif(xml);
        }
        if (dot != null && !dot.equals(options.graph())) {
            drawSvg(dot, options.graph());
        }
        for (Path written : Arrays.asList(options.xml(), options.sarif(), options.graph())) {
            if (written != null) {
                err.println("lockspot: wrote " + written);
            }
        }
        return findings;
    }

    private static int parse(TextUICommandLine commandLine, String[] args) {
        try {
            return commandLine.parse(args);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        } catch (HelpRequestedException e) {
            throw new IllegalStateException("-h and -help are LockSpot's", e);
        } catch (IOException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private static void makeFolderOf(Path output) {
        Path folder = output == null ? null : output.toAbsolutePath().getParent();
        if (folder != null) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new BadInputException(output + ": cannot create its folder (" + e.getMessage() + ")");
            }
        }
    }

    /** Hands the options to SpotBugs; what it cannot read (a filter file, say) is bad input. */
    private static void configure(TextUICommandLine commandLine, FindBugs2 engine) {
        try {
            commandLine.handleXArgs();
            commandLine.configureEngine(engine);
        } catch (IOException | FilterException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The baseline must be a SpotBugs XML report: SpotBugs would otherwise fail deep in the run. */
    private void checkBaseline() {
        Path baseline = options.baseline();
        if (baseline == null) {
            return;
        }
        if (!Files.isRegularFile(baseline)) {
            throw new BadInputException("--baseline " + baseline + ": no such file");
        }
        try {
            new SortedBugCollection().readXML(baseline.toFile());
        } catch (IOException | DocumentException e) {
            throw new BadInputException("--baseline " + baseline + ": not a SpotBugs XML report (" + e.getMessage()
                    + ")");
        }
    }

    /** Where LockSpot writes the graph's DOT: the file asked for, or a temporary one that dot turns into SVG. */
    private Path graphSource() {
        Path graph = options.graph();
        if (graph == null) {
            return null;
        }
        if (graph.toString().endsWith(".dot")) {
            return graph;
        }
        if (!onPath("dot")) {
            throw new BadInputException("--graph " + graph + ": drawing SVG needs Graphviz's dot on the PATH "
                    + "(Debian: apt-get install graphviz); or write DOT with --graph FILE.dot");
        }
        return temporary(".dot");
    }

    private void writeSarif(Path xml) {
        try {
            XmlToSarif.convert(xml, options.sarif(), Path.of(""));
        } catch (IOException | DocumentException e) {
            throw new AnalysisFailedException("cannot write " + options.sarif() + ": " + e.getMessage(), e);
        }
    }

    private void drawSvg(Path dot, Path svg) {
        try {
            Process process = new ProcessBuilder("dot", "-Tsvg", dot.toString(), "-o", svg.toString()).inheritIO()
                    .start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new AnalysisFailedException("dot could not draw " + svg + " from " + dot, null);
            }
        } catch (IOException e) {
            throw new AnalysisFailedException("cannot run dot: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnalysisFailedException("interrupted", e);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, program)));
    }

    private static Path temporary(String suffix) {
        try {
            Path file = Files.createTempFile("lockspot", suffix);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new AnalysisFailedException("cannot create a temporary file: " + e.getMessage(), e);
        }
    }

    /** The plugin jar (or classes folder) this class came from, for SpotBugs' -pluginList. */
    private static String pluginLocation() {
        try {
            return Path.of(Run.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
