package io.github.lockspot.spotbugs;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.SourceLineAnnotation;
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
        boolean isStatic = model.method(method) != null && model.method(method).isStatic();
        return new BugInstance(detector, type, priority)
                .addClass(method.dottedOwner(), sourceFile(site, model))
                .addMethod(method.owner(), method.name(), method.desc(), isStatic)
                .addSourceLine(line(site, model));
    }

    /** A source-line annotation for {@code site}, to add as the primary location or as a further site with a role. */
    public SourceLineAnnotation line(Site site, ProgramModel model) {
        String className = site.method().dottedOwner();
        return new SourceLineAnnotation(className, sourceFile(site, model), site.line(), site.line(), -1, -1);
    }

    /**
     * {@code Catalog.java:17}: the site as a reader finds it in the sources; its method where the class has no line
     * numbers.
     */
    public String fileAndLine(Site site, ProgramModel model) {
        if (site.line() <= 0) {
            return site.method().toString();
        }
        return sourceFile(site, model) + ":" + site.line();
    }

    private static String sourceFile(Site site, ProgramModel model) {
        String file = model.sourceFileOf(site.method().owner());
        return file == null ? SourceLineAnnotation.UNKNOWN_SOURCE_FILE : file;
    }

    public void report(BugInstance bug) {
        bugReporter.reportBug(bug);
    }
}
