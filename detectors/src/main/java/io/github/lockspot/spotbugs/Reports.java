package io.github.lockspot.spotbugs;

import edu.umd.cs.findbugs.BugAnnotation;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.MethodAnnotation;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.SuppressionMatcher;
import edu.umd.cs.findbugs.ba.AnalysisContext;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Site;

/** Turns LockSpot findings into SpotBugs bug instances: class, method and source lines from analysis {@link Site}s. */
public final class Reports {

    private final Detector detector;
    private final BugReporter bugReporter;

    Reports(Detector detector, BugReporter bugReporter) {
        this.detector = detector;
        this.bugReporter = bugReporter;
    }

    /** A new bug of {@code type} located at {@code site}: its class, method and line come first, as SpotBugs expects. */
    public BugInstance bugAt(String type, int priority, Site site, ProgramModel model) {
        MethodRef method = site.method();
        return new BugInstance(detector, type, priority)
                .addClass(method.dottedOwner(), sourceFile(site, model))
                .addMethod(methodAnnotation(method, model))
                .addSourceLine(line(site, model));
    }

    /**
     * Starts side {@code number} (from 1) of {@code bug}: one thread's part in it, e.g. the method holding one lock of
     * a deadlock and taking the next. Adds the method (role {@code Side N}); its steps follow as source lines.
     */
    public Side side(BugInstance bug, int number, MethodRef method, ProgramModel model) {
        bug.addMethod(methodAnnotation(method, model)).describe("Side " + number);
        return new Side(bug, number, model);
    }

    /**
     * The steps of one side, in order. Each is a source line described {@code Side N, step K: <what>}, {@code <what>}
     * starting with {@code holds}, {@code calls} or {@code takes}: the SARIF conversion reads these descriptions
     * (SpotBugs prints a description it has no text for as itself followed by the line).
     */
    public final class Side {
        private final BugInstance bug;
        private final int number;
        private final ProgramModel model;
        private int steps;

        private Side(BugInstance bug, int number, ProgramModel model) {
            this.bug = bug;
            this.number = number;
            this.model = model;
        }

        public Side step(Site site, String what) {
            steps++;
            bug.addSourceLine(line(site, model)).describe("Side " + number + ", step " + steps + ": " + what);
            return this;
        }

        /** A step calling {@code callee} of the analysed code, which the report then also names as a called method. */
        public Side call(Site site, MethodRef callee) {
            step(site, "calls " + callee);
            bug.addMethod(methodAnnotation(callee, model)).describe(MethodAnnotation.METHOD_CALLED);
            return this;
        }
    }

    private static MethodAnnotation methodAnnotation(MethodRef method, ProgramModel model) {
        boolean isStatic = model.method(method) != null && model.method(method).isStatic();
        return MethodAnnotation.fromForeignMethod(method.dottedOwner(), method.name(), method.desc(), isStatic);
    }

    /** A source-line annotation for {@code site}, to add as the primary location or as a further site with a role. */
    public SourceLineAnnotation line(Site site, ProgramModel model) {
        String className = site.method().dottedOwner();
        return new SourceLineAnnotation(className, sourceFile(site, model), site.line(), site.line(), -1, -1);
    }

    private static String sourceFile(Site site, ProgramModel model) {
        String file = model.sourceFileOf(site.method().owner());
        return file == null ? SourceLineAnnotation.UNKNOWN_SOURCE_FILE : file;
    }

    /**
     * Reports {@code bug} unless the user suppressed its pattern on one of its other methods or their classes (a side
     * of a deadlock that is not the primary location, a callee of a chain). SpotBugs matches suppressions on the
     * primary method and class only; asking its matcher about each further method as if it were primary also marks
     * that suppression as used, so SpotBugs does not call it useless.
     */
    public void report(BugInstance bug) {
        if (!suppressedOnAnotherMethod(bug)) {
            bugReporter.reportBug(bug);
        }
    }

    private static boolean suppressedOnAnotherMethod(BugInstance bug) {
        SuppressionMatcher suppressions = AnalysisContext.currentAnalysisContext().getSuppressionMatcher();
        MethodAnnotation primary = bug.getPrimaryMethod();
        for (BugAnnotation annotation : bug.getAnnotations()) {
            if (annotation instanceof MethodAnnotation method && !method.equals(primary)) {
                BugInstance asPrimary = new BugInstance(bug.getType(), bug.getPriority())
                        .addClass(method.getClassName()).addMethod(method);
                if (suppressions.match(asPrimary)) {
                    return true;
                }
            }
        }
        return false;
    }
}
