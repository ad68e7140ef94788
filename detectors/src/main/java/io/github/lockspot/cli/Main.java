package io.github.lockspot.cli;

import java.io.PrintStream;

/**
 * bin/lockspot: SpotBugs with LockSpot over jars, class files or folders, as a Unix tool. Bad arguments or input
 * give a one-line message naming what is wrong and exit status 2; findings give 1 unless {@code --no-fail}.
 */
public final class Main {
    static final int NO_FINDINGS = 0;
    static final int FINDINGS = 1;
    static final int BAD_INPUT = 2;
    static final int FAILED = 3;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Options options = Options.parse(args);
            if (options.help()) {
                out.print(Options.USAGE);
                return NO_FINDINGS;
            }
            int findings = new Run(options, err).analyse();
            if (findings > 0 && options.failOnFindings()) {
                err.println("lockspot: " + findings + (findings == 1 ? " finding" : " findings")
                        + " (exit status 1; --no-fail to exit 0)");
                return FINDINGS;
            }
            return NO_FINDINGS;
        } catch (BadInputException e) {
            err.println("lockspot: " + e.getMessage());
            err.println("Try 'lockspot --help'.");
            return BAD_INPUT;
        } catch (AnalysisFailedException e) {
            err.println("lockspot: " + e.getMessage());
            return FAILED;
        }
    }
}
