package io.github.lockspot.spotbugs;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.ClassContext;
import io.github.lockspot.analysis.program.ProgramModel;

/**
 * Base of every LockSpot detector: visiting a class feeds the shared {@link ProgramModel}; after the last class the
 * detector decides on the whole model and reports. A failure in one detector is logged as an analysis error and
 * never stops the SpotBugs run.
 */
public abstract class LockSpotDetector implements Detector {

    private final BugReporter bugReporter;

    protected LockSpotDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    @Override
    public final void visitClassContext(ClassContext classContext) {
        ModelRegistry.feed(classContext.getClassDescriptor());
    }

    @Override
    public final void report() {
        try {
            report(ModelRegistry.currentModel(), new Reports(this, bugReporter));
        } catch (RuntimeException e) {
            AnalysisContext.logError("LockSpot " + getClass().getSimpleName() + " failed; its reports are incomplete", e);
        } catch (StackOverflowError e) {
            AnalysisContext.logError("LockSpot " + getClass().getSimpleName() + " ran out of stack; its reports are incomplete");
        }
    }

    /** Decides on the complete model and reports through {@code reports}. */
    protected abstract void report(ProgramModel model, Reports reports);
}
