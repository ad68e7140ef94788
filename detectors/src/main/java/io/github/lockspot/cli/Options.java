package io.github.lockspot.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** bin/lockspot's command line: LockSpot's own options, and everything else for SpotBugs (options, then targets). */
record Options(boolean help, boolean failOnFindings, Path xml, Path sarif, Path graph, Path baseline,
        List<String> spotbugsArgs) {

    static final String USAGE = """
            Usage: lockspot [options] [SpotBugs options] JAR|CLASS|FOLDER...
            Analyses jars, class files or folders of classes with SpotBugs and LockSpot and prints one line per
            finding (long bug codes: DLK_..., RMW_..., RNA_..., BLK_...).

            LockSpot options:
              -h, --help          print this help and exit
              --xml FILE          also write SpotBugs' XML report (with messages) to FILE
              --sarif FILE        also write SARIF 2.1.0 with every site and one thread flow per side to FILE
              --graph FILE        write the lock-order graph to FILE: .dot (Graphviz source) or .svg (needs dot)
              --baseline FILE     leave out findings already in FILE, the XML report of an earlier run
              --no-fail           exit 0 even when there are findings

            Any other argument goes to SpotBugs, for instance:
              -low | -medium | -high       lowest confidence to report (default: -medium)
              -effort:min|default|max      analysis effort
              -exclude FILE, -include FILE filter files (<FindBugsFilter>)
              -auxclasspath PATH           classes the targets use but that are not analysed
              -html=FILE, -sarif=FILE      SpotBugs' own HTML or SARIF report (SpotBugs' SARIF keeps one
                                           location per finding; --sarif keeps all)
            The JVM options of the run go in LOCKSPOT_JAVA_OPTS (default -Xmx2g).

            Exit status: 0 no findings, 1 findings (0 with --no-fail), 2 bad arguments or input, 3 analysis failed.
            """;

    /** Parses the command line; a bad one throws a {@link BadInputException} saying what is wrong. */
    static Options parse(String[] args) {
        boolean help = false;
        boolean failOnFindings = true;
        Path xml = null;
        Path sarif = null;
        Path graph = null;
        Path baseline = null;
        List<String> spotbugs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help", "-help" -> help = true;
                case "--no-fail" -> failOnFindings = false;
                case "--xml" -> xml = fileAfter(args, i++);
                case "--sarif" -> sarif = fileAfter(args, i++);
                case "--graph" -> graph = fileAfter(args, i++);
                case "--baseline" -> baseline = fileAfter(args, i++);
                case "-output", "-outputFile" -> throw new BadInputException(arg
                        + " would send every report to one file: give each its own, e.g. -html=report.html");
                default -> {
                    if (arg.startsWith("--")) {
                        throw new BadInputException("unknown option " + arg);
                    }
                    spotbugs.add(arg);
                }
            }
        }
        if (graph != null && !graph.toString().endsWith(".dot") && !graph.toString().endsWith(".svg")) {
            throw new BadInputException("--graph " + graph + ": the file name must end in .dot or .svg");
        }
        return new Options(help, failOnFindings, xml, sarif, graph, baseline, List.copyOf(spotbugs));
    }

    private static Path fileAfter(String[] args, int option) {
        if (option + 1 >= args.length || args[option + 1].startsWith("-")) {
            throw new BadInputException(args[option] + " needs a file name");
        }
        return Path.of(args[option + 1]);
    }
}
