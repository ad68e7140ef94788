package io.github.lockspot.rmw;

import edu.umd.cs.findbugs.BugReporter;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.spotbugs.LockSpotDetector;
import io.github.lockspot.spotbugs.Reports;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reports read-modify-writes of shared state that no lock makes atomic: field updates such as {@code count++} where
 * the field is shown to be shared (other accesses hold a lock, it is volatile, tasks on several threads write it, or
 * it is declared {@code @GuardedBy}/{@code @ThreadSafe}), and get-then-set updates of atomics and concurrent maps.
 */
public final class ReadModifyWriteDetector extends LockSpotDetector {

    public ReadModifyWriteDetector(BugReporter bugReporter) {
        super(bugReporter);
    }

    @Override
    protected void report(ProgramModel model, Reports reports) {
        FieldUses uses = FieldUses.of(model);
        List<Finding> findings = new ArrayList<>(new FieldUpdates(model, uses, new ThreadSharing(model, uses))
                .findings());
        findings.addAll(new CallUpdates(model, uses).findings());
        Set<String> reported = new HashSet<>();
        for (Finding finding : findings) {
            if (reported.add(finding.key())) {
                reports.report(finding.toBug(reports, model));
            }
        }
    }
}
