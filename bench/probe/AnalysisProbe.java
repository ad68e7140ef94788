package io.github.lockspot.bench;

import edu.umd.cs.findbugs.BugReporter;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.spotbugs.LockSpotDetector;
import io.github.lockspot.spotbugs.Reports;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark-only detector (bench/run --probe): feeds every class to LockSpot's shared analysis, as each family detector
 * does, then asks the whole-program model what a detector would ask — every call's targets, the thread entry points
 * and what they reach, and the locks taken through calls from every method that calls while holding a lock — and
 * reports nothing. It measures the shared analysis on real jars before, or apart from, the family detectors.
 *
 * <p>With {@code -Dlockspot.probe.histogram=FILE} it also writes the JVM's class histogram of live objects (as
 * {@code jcmd PID GC.class_histogram} would) once the model is complete, to see what the model keeps in memory.
 */
public class AnalysisProbe extends LockSpotDetector {

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisProbe.class);

    public AnalysisProbe(BugReporter bugReporter) {
        super(bugReporter);
    }

    @Override
    protected void report(ProgramModel model, Reports reports) {
        int methods = 0;
        int calls = 0;
        int targets = 0;
        int lockedCallers = 0;
        int reached = 0;
        for (MethodSummary method : model.allMethods()) {
            methods++;
            boolean callsUnderLock = false;
            for (Events.Call call : method.calls()) {
                calls++;
                targets += model.targets(call).size();
                callsUnderLock |= !call.held().isEmpty();
            }
            if (callsUnderLock) {
                lockedCallers++;
                reached += model.reachable(method.method(), "probe-acquisitions", MethodSummary::acquisitions).size();
            }
        }
        int entryPoints = model.threadEntryPoints().size();
        int reachable = model.reachableFromThreadEntryPoints().size();
        LOG.info("LockSpot probe: {} classes, {} methods ({} skipped), {} calls to {} targets, {} thread entry points"
                + " reaching {} methods, {} methods calling under a lock reaching {} acquisitions",
                model.classes().size(), methods, model.skippedMethods().size(), calls, targets, entryPoints, reachable,
                lockedCallers, reached);
        String histogram = System.getProperty("lockspot.probe.histogram");
        if (histogram != null) {
            writeHistogram(Path.of(histogram));
        }
    }

    private static void writeHistogram(Path file) {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
            Files.writeString(file, String.valueOf(text));
        } catch (JMException | IOException e) {
            LOG.warn("LockSpot probe: no class histogram: {}", e.toString());
        }
    }
}
